import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../../src-main/core/store/archive';
import { diagnoseCorpusDatabase } from '../../../src-main/core/store/corpus-diagnosis';
import { unavailableArchive } from '../../../src-main/core/session/unavailable-archive';
import { startServer, type RunningServer } from '../../../src-main/serve/server';
import { buildRealCorpus, SEEDS, type BuiltCorpus } from '../search/real-corpus';

/**
 * Browser mode started on a damaged corpus (what serve/main.ts does): the server runs, the
 * status carries the diagnosis for the start-up screen, and archive calls answer Unavailable.
 */
let built: BuiltCorpus;
let server: RunningServer;
let work: string;
let damaged: string;

beforeAll(async () => {
  built = await buildRealCorpus([SEEDS]);
  work = mkdtempSync(path.join(os.tmpdir(), 'serve-startup-error-'));
  damaged = path.join(work, 'corpus.sqlite');
  // Only the first page of the built corpus: an interrupted copy.
  const bytes = readFileSync(built.file);
  writeFileSync(damaged, bytes.subarray(0, 4096));
  const staticDir = path.join(work, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>UI</title>');
  let error: unknown;
  try {
    openArchive(damaged).close();
  } catch (caught) {
    error = caught;
  }
  const problem = diagnoseCorpusDatabase(damaged, error);
  const message = `The archive could not be opened: ${problem.message}`;
  server = await startServer({
    archive: unavailableArchive(message),
    port: 0,
    staticDir,
    log: () => undefined,
    startupError: { state: 'error', message, problem },
  });
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
  rmSync(built.dir, { recursive: true, force: true });
});

describe('browser mode on a corpus cut to its first page', () => {
  it('serves the UI and answers the status with the diagnosis', async () => {
    const page = await fetch(server.urls[0]!);
    expect(page.status).toBe(200);
    const status = (await (await fetch(new URL('api/status', server.urls[0]))).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ state: 'error', problem: { code: 'truncated', path: damaged } });
    expect(String(status.message)).toContain('is cut short: 4096 bytes of the');
  });

  it('answers archive calls as Unavailable with the same sentence, not a crash', async () => {
    const response = await fetch(new URL('api/corpus', server.urls[0]));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      name: 'Unavailable',
      message: expect.stringContaining('is cut short'),
    });
    const search = await fetch(new URL('api/search', server.urls[0]), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'espionaje' }),
    });
    expect(search.status).toBe(503);
  });
});
