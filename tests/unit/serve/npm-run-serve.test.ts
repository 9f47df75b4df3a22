import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeCacheDir, codeCacheFile } from '../../../scripts/code-cache.mjs';

/**
 * `npm run serve` itself (scripts/serve.mjs), which runs the CommonJS bundle through its code
 * cache, where the other tests start dist/serve/serve.mjs: it answers, writes the cache when
 * stopped, and starts again from it. A missing corpus keeps it quick (the start-up screen's status).
 */
/** What scripts/serve.mjs runs (build-serve.mjs's `serveCommonJsBundle`). */
const serveCommonJsBundle = path.resolve('dist/serve/serve.cjs');
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'npm-run-serve-'));
  writeFileSync(path.join(work, 'index.html'), '<!doctype html><title>ui</title>');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Starts scripts/serve.mjs on any free port; resolves with the process and its address once it prints it. */
function startNpmRunServe(): Promise<{ child: ChildProcess; base: string }> {
  const args = ['scripts/serve.mjs', '--db', path.join(work, 'missing.sqlite'), '--port', '0', '--no-build'];
  const child = spawn(process.execPath, [...args, '--static', work, '--user-data', path.join(work, 'user')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const address = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (address) resolve({ child, base: address[0] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      reject(new Error(`scripts/serve.mjs exited with ${String(code)} before listening:\n${output}`));
    });
  });
}

async function statusAndStop(started: { child: ChildProcess; base: string }): Promise<unknown> {
  const response = await fetch(`${started.base}/api/status`);
  const status: unknown = await response.json();
  const exited = new Promise<number | null>((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGTERM');
  expect(await exited).toBe(0);
  return status;
}

describe('npm run serve (scripts/serve.mjs)', () => {
  it('answers from the CommonJS bundle, writes its code cache when stopped, and starts again from it', async () => {
    const first = await startNpmRunServe();
    expect(await statusAndStop(first)).toMatchObject({ state: 'error', problem: { code: 'missing' } });
    // Written at exit, for this bundle as it is now; no other cache is left beside it.
    expect(readdirSync(codeCacheDir(serveCommonJsBundle))).toEqual([path.basename(codeCacheFile(serveCommonJsBundle))]);
    const second = await startNpmRunServe();
    expect(await statusAndStop(second)).toMatchObject({ state: 'error', problem: { code: 'missing' } });
  }, 120_000);
});
