import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-main/common/annotations';
import { EventEmitter } from 'node:events';
import { ArchiveClient } from '../../../src-main/main/archive-client';
import type { WorkerMessage, WorkerRequest } from '../../../src-main/main/archive-worker-protocol';
import { makePostPack, seedsNotedThenTruncated } from '../packs/helpers';
import { bundleArchiveWorker } from './worker-bundle';

/**
 * The real bundled worker when NOTHING can be opened (the bundled corpus cut short, no pack):
 * the status is the start-up error, yet a pack built from a real gobiernofacil post installs;
 * then the status is ready (naming the broken corpus), the pack is searchable and the notes
 * open. Until that install the notes database is byte for byte as it was.
 */
const AGUA_POST = '2017-03-22-agua-en-mexico.md';

describe('archive worker with an empty library (bundled corpus truncated, no pack)', () => {
  let work: string;
  let bundleDir: string;
  let client: ArchiveClient;
  let packFile: string;
  let userDir: string;
  let truncated: string;
  let notesBefore: Buffer;
  let note: Annotation;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'empty-library-worker-'));
    const bundle = await bundleArchiveWorker('empty-library');
    bundleDir = bundle.dir;
    // A note on the seed letter, written while the corpus was still whole; then the corpus cut short.
    ({ truncated, userDir, note, notesBefore } = await seedsNotedThenTruncated(work, 'destinatario'));
    packFile = await makePostPack(work, {
      post: AGUA_POST,
      id: 'agua',
      name: 'Agua',
      version: '2026.1',
      sourceFolder: 'source',
    });
    client = new ArchiveClient(
      new Worker(bundle.file, {
        workerData: { databasePath: truncated, userDataDir: userDir, packsDir: path.join(userDir, 'packs') },
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it('reports the truncated corpus, refuses reading and notes, and leaves user.sqlite as it was', async () => {
    await expect(client.call('listArchives')).resolves.toEqual([]);
    expect(client.status()).toMatchObject({ state: 'error', problem: { code: 'truncated', path: truncated } });
    await expect(client.call('search', { query: 'agua' })).rejects.toMatchObject({
      name: 'Unavailable',
      message: expect.stringContaining('cut short'),
    });
    await expect(client.call('listAnnotations', note.documentId)).rejects.toMatchObject({
      name: 'Unavailable',
    });

    // A refused pack (cut short) changes nothing: still the start-up error, notes untouched.
    const cut = path.join(work, 'agua-cortado.archive');
    writeFileSync(cut, readFileSync(packFile).subarray(0, 4000));
    await expect(client.call('installPack', cut, { allowDowngrade: false })).rejects.toMatchObject({
      name: 'PackRefused',
    });
    expect(client.status()).toMatchObject({ state: 'error', problem: { code: 'truncated' } });
    expect(readdirSync(userDir).filter((name) => name !== 'packs')).toEqual(['user.sqlite']);
    expect(readFileSync(path.join(userDir, 'user.sqlite')).equals(notesBefore)).toBe(true);
  });

  it('installs a pack: the status turns ready naming the broken corpus, the pack is searchable, notes open', async () => {
    // Unsigned, and this installer pins no publisher: the user has confirmed it.
    const outcome = await client.call('installPack', packFile, { allowDowngrade: false, allowUntrusted: true });
    expect(outcome).toMatchObject({
      kind: 'installed',
      archive: { id: 'agua', name: 'Agua', documentCount: 1 },
      annotations: { unchanged: 0, moved: 0, orphaned: 0 },
    });
    // Ready already when the outcome arrives (the page asks for the status right after it).
    expect(client.status()).toMatchObject({ state: 'ready', problems: [{ code: 'truncated', path: truncated }] });
    expect((await client.call('listArchives')).map((archive) => `${archive.kind}:${archive.id}`)).toEqual([
      'pack:agua',
    ]);
    const found = await client.call('search', { query: 'agua' });
    expect(found.hits[0]?.id).toMatch(/^agua~[0-9a-f]{16}$/);
    expect(found.hits[0]?.title).toMatch(/agua/i);
    // The note on the (still broken) seed letter is kept: listed, with its text and its note.
    const notes = await client.call('listAnnotations', note.documentId);
    expect(notes.map((item) => [item.id, item.note, item.target?.quote.exact])).toEqual([
      [note.id, 'destinatario', 'Secretariado Técnico Tripartita'],
    ]);
  });
});

/** A worker that records requests and lets the test answer them. */
class FakeWorker extends EventEmitter {
  readonly requests: WorkerRequest[] = [];
  postMessage(message: WorkerRequest): void {
    this.requests.push(message);
  }
  async terminate(): Promise<number> {
    return 0;
  }
  send(message: WorkerMessage): void {
    this.emit('message', message);
  }
}

const PROBLEM = { code: 'truncated', path: '/opt/archivo/corpus.sqlite', message: 'cut short' } as const;

describe('ArchiveClient with an empty library', () => {
  it('forwards every call to the worker while it shows the start-up error, and turns ready on its next status', async () => {
    const worker = new FakeWorker();
    const client = new ArchiveClient(worker);
    const startup = { state: 'error', message: 'nothing opened', problem: PROBLEM } as const;
    worker.send({ kind: 'status', status: startup });
    expect(client.status()).toEqual(startup);
    // The worker's session answers (and refuses what an empty library cannot do).
    const search = client.call('search', { query: 'agua' });
    const install = client.call('installPack', '/media/usb/agua.archive', { allowDowngrade: false });
    await new Promise((resolve) => setImmediate(resolve));
    expect(worker.requests.map((request) => request.method)).toEqual(['search', 'installPack']);
    const [searchRequest, installRequest] = worker.requests;
    worker.send({
      kind: 'result',
      id: searchRequest!.id,
      ok: false,
      error: { name: 'Unavailable', message: 'nothing opened' },
    });
    await expect(search).rejects.toMatchObject({ name: 'Unavailable', message: 'nothing opened' });
    worker.send({ kind: 'status', status: { state: 'ready', problems: [PROBLEM] } });
    worker.send({ kind: 'result', id: installRequest!.id, ok: true, value: { kind: 'installed' } });
    await expect(install).resolves.toEqual({ kind: 'installed' });
    expect(client.status()).toEqual({ state: 'ready', problems: [PROBLEM] });
  });

  it('once the worker stopped, refuses every call with the reason and ignores a stray status', async () => {
    const dying = new FakeWorker();
    const client = new ArchiveClient(dying);
    dying.send({ kind: 'status', status: { state: 'error', message: 'nothing opened', problem: PROBLEM } });
    dying.emit('exit', 1);
    await expect(client.call('listArchives')).rejects.toMatchObject({
      name: 'Unavailable',
      message: 'nothing opened',
    });
    dying.send({ kind: 'status', status: { state: 'ready' } });
    expect(client.status()).toMatchObject({ state: 'error', message: 'nothing opened' });
    expect(dying.requests).toEqual([]);
  });
});
