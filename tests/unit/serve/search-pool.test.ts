import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { startServer, type RunningServer } from '../../../src-main/serve/server';
import { createSearchPool, type SearchRunner } from '../../../src-main/serve/search-pool';
import { createFakeArchive } from './fake-archive';
import { SEARCH_THREAD_RESOURCE_LIMITS } from '../../../src-main/common/search-thread-limits';
import { rawHttp } from './raw-http';

/**
 * The search pool's deadline and limits, with a worker whose `slow` query keeps its thread busy
 * for 10 s (what the real pathological queries do on a large corpus: the serving benchmark runs
 * those on 10,000 documents).
 */
let workDir: string;
let pool: SearchRunner;
let server: RunningServer;
let port: number;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'search-pool-'));
  const staticDir = path.join(workDir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>UI</title>');
  pool = createSearchPool({
    bundledDatabasePath: null,
    packsDir: workDir,
    threads: 1,
    maxQueue: 2,
    deadlineMs: 1_000,
    workerSource: new URL('./fixtures/slow-search-worker.ts', import.meta.url),
  });
  await pool.warmUp();
  server = await startServer({
    archive: createFakeArchive(),
    port: 0,
    staticDir,
    log: () => undefined,
    searchRunner: pool,
    // The pool's own limits: identical searches must each take a thread here (search-cache.test.ts).
    searchCache: false,
    maxSearchesPerAddress: 3,
  });
  port = Number(new URL(server.url).port);
}, 60_000);

afterAll(async () => {
  await server.close();
  await pool.close();
  rmSync(workDir, { recursive: true, force: true });
});

function search(query: string, localAddress = '127.0.0.1') {
  return rawHttp({
    port,
    method: 'POST',
    path: '/api/search',
    headers: [
      ['Host', `127.0.0.1:${port}`],
      ['Content-Type', 'application/json'],
    ],
    body: JSON.stringify({ query }),
    localAddress,
    timeoutMs: 15_000,
  });
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

describe('searches in the worker pool', () => {
  it('answers a normal search from the worker', async () => {
    const response = await search('transparencia');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ total: 0, terms: ['transparencia'] });
  });

  it('runs searches in threads with the search heap limits (a 3 MB young generation)', async () => {
    const response = await pool.run({ query: 'heap limits' });
    expect(response.terms).toEqual([String(SEARCH_THREAD_RESOURCE_LIMITS.maxYoungGenerationSizeMb)]);
    expect(SEARCH_THREAD_RESOURCE_LIMITS.maxYoungGenerationSizeMb).toBe(3);
  });

  it("answers a query the worker's core refuses with 400 and its sentence, not as a server failure", async () => {
    const response = await search('refused');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      name: 'InvalidArgument',
      message: 'The query is longer than the limit.',
    });
  });

  it('stops a search at the deadline with 503 and Retry-After, while status answers at once', async () => {
    const slow = timed(() => search('slow'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const status = await timed(() => rawHttp({ port, path: '/api/status', headers: [['Host', `127.0.0.1:${port}`]] }));
    expect(status.value.status).toBe(200);
    expect(status.ms).toBeLessThan(100);
    const { value, ms } = await slow;
    expect(value.status).toBe(503);
    expect(value.headers['retry-after']).toBe('2');
    expect((JSON.parse(value.body) as { message: string }).message).toContain('took longer than 1 s');
    expect(ms).toBeLessThan(1_500);
    // The busy thread was ended and replaced: once the new one has started, searches are answered again.
    let after = await search('después');
    for (let tries = 0; tries < 20 && after.status === 503; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await search('después');
    }
    expect(after.status).toBe(200);
  }, 20_000);

  it('limits the searches of one address and refuses beyond the queue', async () => {
    // One running (slow) + two queued fill this pool (1 thread, queue 2); the fourth from the
    // same address is refused by the per-address limit (3), one from elsewhere by the full queue.
    const running = [search('slow'), search('slow'), search('slow')];
    await new Promise((resolve) => setTimeout(resolve, 200));
    const fourth = await search('slow');
    expect(fourth.status).toBe(429);
    expect(fourth.headers['retry-after']).toBe('1');
    const elsewhere = await Promise.all(
      ['127.0.0.5', '127.0.0.6', '127.0.0.7'].map((address) => search('otra', address)),
    );
    for (const response of elsewhere) expect(response.status).toBe(503);
    expect(
      elsewhere.some((response) => (JSON.parse(response.body) as { message: string }).message.includes('busy')),
    ).toBe(true);
    for (const response of await Promise.all(running)) expect(response.status).toBe(503);
  }, 20_000);
});
