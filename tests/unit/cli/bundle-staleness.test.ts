import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleStale, inputsFile, writeBundleInputs } from '../../../scripts/bundle-staleness.mjs';

// A project of three files, "bundled" into out/app.mjs at a known time, then edited or not.
let root: string;
let outDir: string;
let bundle: string;
const builtAt = new Date('2026-12-01T12:00:00Z');
const before = new Date('2026-12-01T11:00:00Z');
const after = new Date('2026-12-01T13:00:00Z');

function file(relative: string, when: Date): void {
  const full = path.join(root, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, relative);
  utimesSync(full, when, when);
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'bundle-staleness-'));
  outDir = path.join(root, 'out');
  bundle = path.join(outDir, 'app.mjs');
  file('src/main.ts', before);
  file('src/util.ts', before);
  file('package.json', before);
  file('src/not-imported.ts', after);
  const metafile = { inputs: { 'src/main.ts': {}, 'src/util.ts': {}, 'node_modules/pkg/index.js': {} } };
  mkdirSync(outDir, { recursive: true });
  writeBundleInputs(root, outDir, metafile, ['package.json']);
  file('out/app.mjs', builtAt);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('bundle staleness from the recorded inputs', () => {
  it('records the project files esbuild read and the extra build files, not packages', () => {
    const recorded: unknown = JSON.parse(readFileSync(inputsFile(outDir), 'utf8'));
    expect(recorded).toEqual({ files: ['package.json', 'src/main.ts', 'src/util.ts'] });
  });

  it('is fresh when no recorded file changed, whatever else in the project did', () => {
    expect(bundleStale(root, outDir, [bundle])).toBe(false);
  });

  it('is stale when a recorded file is edited after the build', () => {
    utimesSync(path.join(root, 'src/util.ts'), after, after);
    expect(bundleStale(root, outDir, [bundle])).toBe(true);
  });

  it('is stale when a recorded file is gone, an output is missing or the record is', () => {
    rmSync(path.join(root, 'src/util.ts'));
    expect(bundleStale(root, outDir, [bundle])).toBe(true);
    file('src/util.ts', before);
    expect(bundleStale(root, outDir, [bundle, path.join(outDir, 'worker.mjs')])).toBe(true);
    writeFileSync(inputsFile(outDir), '{"files": "not a list"}');
    expect(bundleStale(root, outDir, [bundle])).toBe(true);
    rmSync(inputsFile(outDir));
    expect(bundleStale(root, outDir, [bundle])).toBe(true);
  });
});
