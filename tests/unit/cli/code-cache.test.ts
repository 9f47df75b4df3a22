import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDir, codeCacheFile } from '../../../scripts/code-cache.mjs';

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
function run(): { output: string; used: string } {
  const script = `import { runWithCodeCache } from ${JSON.stringify(loader)};\nconsole.log('used', runWithCodeCache(${JSON.stringify(bundle)}));`;
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
});
