import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeCacheDir, codeCacheFile } from '../../../scripts/code-cache.mjs';
import { buildCorpus } from '../../../src-main/core/build/build';

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

interface NpmRunServe {
  child: ChildProcess;
  base: string;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
}

/** Starts scripts/serve.mjs on any free port; resolves with the process and its address once it prints it. */
function startNpmRunServe(database = path.join(work, 'missing.sqlite')): Promise<NpmRunServe> {
  const args = ['scripts/serve.mjs', '--db', database, '--port', '0', '--no-build'];
  const child = spawn(process.execPath, [...args, '--static', work, '--user-data', path.join(work, 'user')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ARCHIVO_START_TRACE: '1' },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const address = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (address) resolve({ child, base: address[0], output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      reject(new Error(`scripts/serve.mjs exited with ${String(code)} before listening:\n${output}`));
    });
  });
}

async function statusAndStop(started: NpmRunServe): Promise<unknown> {
  const response = await fetch(`${started.base}/api/status`);
  const status: unknown = await response.json();
  await stop(started);
  return status;
}

async function stop(started: NpmRunServe): Promise<void> {
  const exited = new Promise<string>((resolve) =>
    started.child.once('exit', (code, signal) => {
      resolve(`${String(code)} ${String(signal)}`);
    }),
  );
  started.child.kill('SIGTERM');
  expect(await exited, started.output()).toBe('0 null');
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

  it('starts from the cache a start wrote after its search pool had set its V8 flag', async () => {
    // The pool sets --heap-growing-percent for the whole process once the first search is
    // answered (or 2 s after the start); V8 keys a code cache by the flags, so a cache written at
    // that start's exit was refused by every later start until serve.mjs set the flag first.
    const database = path.join(work, 'corpus.sqlite');
    await buildCorpus({ inputs: [path.resolve('resources/corpus')], out: database, name: 'Semillas' });
    rmSync(codeCacheDir(serveCommonJsBundle), { recursive: true, force: true });
    const first = await startNpmRunServe(database);
    const search = await fetch(`${first.base}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'transparencia' }),
    });
    expect(search.status).toBe(200);
    // Past the idle start too, so the pool has started whichever way it was going to.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await stop(first);
    expect(first.output()).toContain('start-trace code cache not used');
    const second = await startNpmRunServe(database);
    expect(await statusAndStop(second)).toMatchObject({ state: 'ready' });
    expect(second.output()).toContain('start-trace code cache used');
  }, 180_000);
});
