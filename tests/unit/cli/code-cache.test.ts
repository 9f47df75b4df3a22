import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDir, codeCacheFile } from '../../../scripts/code-cache.mjs';
import { SEARCH_POOL_V8_FLAGS, SERVER_START_V8_FLAGS } from '../../../scripts/search-heap-flags.mjs';
import { SEARCH_HEAP_GROWING_PERCENT } from '../../../src-main/common/search-thread-limits';

const loader = pathToFileURL(path.resolve('scripts/code-cache.mjs')).href;
let dir: string;
let bundle: string;

/** A CommonJS "bundle" that requires a built-in and a file beside it, and says where it runs. */
function writeBundle(greeting: string, when: Date): void {
  writeFileSync(path.join(dir, 'helper.cjs'), 'module.exports = (name) => `${name}!`;\n');
  writeFileSync(
    bundle,
    `const path = require('node:path');\nconst shout = require('./helper.cjs');\n` +
      `console.log(shout(${JSON.stringify(greeting)}), path.basename(__filename), typeof module.exports);\n`,
  );
  utimesSync(bundle, when, when);
}

/** Runs the bundle in a fresh Node through runWithCodeCache; its output and whether a cache was used. */
function run(v8Flags: readonly string[] = [], startV8Flags: readonly string[] = []): { output: string; used: string } {
  const options = `{ v8Flags: ${JSON.stringify(v8Flags)}, startV8Flags: ${JSON.stringify(startV8Flags)} }`;
  const call = `runWithCodeCache(${JSON.stringify(bundle)}, ${options})`;
  const script = `import { runWithCodeCache } from ${JSON.stringify(loader)};\nconsole.log('used', ${call});`;
  const lines = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    .trim()
    .split('\n');
  return { output: lines.filter((line) => !line.startsWith('used ')).join('\n'), used: lines.at(-1) ?? '' };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
  bundle = path.join(dir, 'app.cjs');
  writeBundle('hola', new Date('2026-12-01T12:00:00Z'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('runWithCodeCache', () => {
  it('runs the bundle from source first, writes the cache at exit, and uses it on the next run', () => {
    expect(run()).toEqual({ output: 'hola! app.cjs object', used: 'used false' });
    expect(existsSync(codeCacheFile(bundle))).toBe(true);
    expect(run()).toEqual({ output: 'hola! app.cjs object', used: 'used true' });
  });

  it('never reads the cache of an earlier bundle, and removes it when writing the new one', () => {
    run();
    const earlier = codeCacheFile(bundle);
    writeBundle('adiós', new Date('2026-12-01T13:00:00Z'));
    expect(codeCacheFile(bundle)).not.toBe(earlier);
    expect(run()).toEqual({ output: 'adiós! app.cjs object', used: 'used false' });
    expect(readdirSync(codeCacheDir(bundle))).toEqual([path.basename(codeCacheFile(bundle))]);
  });

  it('runs from source when the cache is damaged, and replaces it', () => {
    run();
    writeFileSync(codeCacheFile(bundle), 'not a code cache');
    expect(run()).toEqual({ output: 'hola! app.cjs object', used: 'used false' });
    expect(run().used).toBe('used true');
  });

  it('keeps a cache usable when the bundle sets a V8 flag while it runs, once that flag is passed', () => {
    // As browser mode's search pool does (search-thread-limits.ts): V8 keys a cache by the flags.
    writeFileSync(bundle, "require('node:v8').setFlagsFromString('--heap-growing-percent=30');\nconsole.log('ran');\n");
    expect(run()).toEqual({ output: 'ran', used: 'used false' });
    // Written under a flag a fresh process does not have: refused at every start, compiled again.
    expect(run().used).toBe('used false');
    expect(run().used).toBe('used false');
    // With the flag set before compiling, a fresh start has the flags the cache was written under.
    expect(run(['--heap-growing-percent=30'])).toEqual({ output: 'ran', used: 'used true' });
    expect(run(['--heap-growing-percent=30'])).toEqual({ output: 'ran', used: 'used true' });
  });

  it('keeps a cache usable when the bundle starts without those flags, whether or not it sets them', () => {
    // Browser mode: its start runs at V8's defaults, and the search pool sets the flag only when
    // it starts (after the first search), so some runs end before the bundle ever set it.
    const [poolFlag = '', startFlag = ''] = [SEARCH_POOL_V8_FLAGS[0], SERVER_START_V8_FLAGS[0]];
    writeFileSync(bundle, "console.log('ran without setting the flag');\n");
    expect(run([poolFlag], [startFlag])).toEqual({ output: 'ran without setting the flag', used: 'used false' });
    expect(run([poolFlag], [startFlag]).used).toBe('used true');
    writeBundle('hola', new Date('2026-12-01T14:00:00Z'));
    writeFileSync(bundle, `require('node:v8').setFlagsFromString('${poolFlag}');\nconsole.log('set it');\n`);
    expect(run([poolFlag], [startFlag])).toEqual({ output: 'set it', used: 'used false' });
    expect(run([poolFlag], [startFlag]).used).toBe('used true');
  });

  it("passes exactly the search pool's process-wide flags for browser mode, and their defaults for its start", () => {
    expect(SEARCH_POOL_V8_FLAGS).toEqual([`--heap-growing-percent=${String(SEARCH_HEAP_GROWING_PERCENT)}`]);
    expect(SERVER_START_V8_FLAGS).toEqual(['--heap-growing-percent=0']);
  });
});
