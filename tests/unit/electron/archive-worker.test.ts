import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { bundleArchiveWorker } from './worker-bundle';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../../src-main/common/ipc';
import type { DocumentRecord, SearchResponse } from '../../../src-main/common/types';
import { buildCorpus } from '../../../src-main/core/build/build';
import { ArchiveClient, workerIpc } from '../../../src-main/main/archive-client';
import { registerIpcHandlers, type IpcEnvelope } from '../../../src-main/main/ipc-handlers';

/**
 * The real path of a request in the Electron build, minus Electron: IPC handler ->
 * ArchiveClient -> the bundled archive worker thread -> openArchive on a corpus built
 * from the two seed documents in ../shared/corpus/seeds.
 */
const repo = path.resolve(__dirname, '../../..');
const seeds = path.resolve(repo, '../shared/corpus/seeds');
let work: string;
let bundleDir: string;
let workerBundle: string;
let corpusPath: string;
const clients: ArchiveClient[] = [];

function startClient(databasePath: string): ArchiveClient {
  // A packs folder inside the test's own: without one the worker makes a scratch folder in the system's temp folder.
  const packsDir = path.join(work, 'packs');
  const client = new ArchiveClient(new Worker(workerBundle, { workerData: { databasePath, packsDir } }));
  clients.push(client);
  return client;
}

async function settled(client: ArchiveClient): Promise<void> {
  for (let i = 0; i < 600 && client.status().state === 'loading'; i++) await new Promise((r) => setTimeout(r, 50));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'archive-worker-'));
  const bundle = await bundleArchiveWorker('archive-worker');
  bundleDir = bundle.dir;
  workerBundle = bundle.file;
  corpusPath = path.join(work, 'corpus.sqlite');
  const summary = await buildCorpus({ inputs: [seeds], out: corpusPath, name: 'Semillas' });
  expect(summary.documents).toBe(2);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  rmSync(work, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

describe('archive worker (bundled, real corpus)', () => {
  it('reports loading at once, then ready, and answers corpusInfo', async () => {
    const client = startClient(corpusPath);
    expect(client.status()).toEqual({ state: 'loading' });
    const info = await client.call('corpusInfo');
    expect(client.status()).toEqual({ state: 'ready' });
    expect(info).toMatchObject({ name: 'Semillas', documentCount: 2 });
  });

  it('finds the seed letter through the IPC handler: accent-folded query, type filter, its date and place', async () => {
    const client = startClient(corpusPath);
    const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
    registerIpcHandlers(
      { handle: (channel, listener) => void handlers.set(channel, listener) },
      {
        forward: workerIpc(client).forward,
        handlers: { ...workerIpc(client).handlers, openExternal: async () => undefined },
        isTrustedSender: () => true,
      },
    );
    const invoke = async <T>(channel: string, ...args: unknown[]) => {
      const reply = (await handlers.get(channel)!({} as IpcMainInvokeEvent, ...args)) as IpcEnvelope<T>;
      if (!reply.ok) throw new Error(`${reply.error.name}: ${reply.error.message}`);
      return reply.value;
    };

    // "mexico" without the accent matches "México" in both seeds; the filter keeps the letter.
    const all = await invoke<SearchResponse>(IPC_CHANNELS.search, { query: 'mexico' });
    expect(all.total).toBe(2);
    const letters = await invoke<SearchResponse>(IPC_CHANNELS.search, {
      query: 'mexico',
      filters: { type: ['letter'] },
    });
    expect(letters.total).toBe(1);
    const hit = letters.hits[0]!;
    expect(hit.type).toBe('letter');
    expect(hit.date).toBe('2017-05-23');
    expect(hit.snippet).toContain('<mark>México</mark>');

    const letter = await invoke<DocumentRecord | null>(IPC_CHANNELS.getDocument, hit.id);
    expect(letter?.place).toBe('Ciudad de México');
    expect(letter?.source).toBe('seeds/000_ff8ecd809083cd7f.txt');
    expect(letter?.signatories).toContain('Artículo 19');

    // Unknown but well-formed id: null, not an error.
    expect(await invoke(IPC_CHANNELS.getDocument, '0000000000000000')).toBeNull();
  });

  it('reports a corrupt database as an error with its path, and rejects calls as Unavailable', async () => {
    const broken = path.join(work, 'broken.sqlite');
    writeFileSync(broken, 'this is not an SQLite database, just text that arrived on a USB stick');
    const client = startClient(broken);
    await expect(client.call('corpusInfo')).rejects.toMatchObject({ name: 'Unavailable' });
    await settled(client);
    const status = client.status();
    expect(status.state).toBe('error');
    expect(status.state === 'error' && status.message).toContain(broken);
    // Diagnosed for the start-up screen: not a SQLite file at all.
    expect(status.state === 'error' && status.problem).toEqual(
      expect.objectContaining({ code: 'corrupt', path: broken }),
    );
  });

  it('diagnoses a truncated corpus for the start-up screen and leaves the notes database untouched', async () => {
    const truncated = path.join(work, 'truncated.sqlite');
    const bytes = readFileSync(corpusPath);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const userDataDir = path.join(work, 'notes-of-truncated');
    mkdirSync(userDataDir);
    const notes = Buffer.from('the user database, byte for byte');
    writeFileSync(path.join(userDataDir, 'user.sqlite'), notes);
    const client = new ArchiveClient(
      new Worker(workerBundle, {
        workerData: { databasePath: truncated, userDataDir, packsDir: path.join(work, 'packs') },
      }),
    );
    clients.push(client);
    await settled(client);
    const status = client.status();
    expect(status.state === 'error' && status.problem).toEqual(
      expect.objectContaining({ code: 'truncated', path: truncated }),
    );
    expect(readdirSync(userDataDir)).toEqual(['user.sqlite']);
    expect(readFileSync(path.join(userDataDir, 'user.sqlite')).equals(notes)).toBe(true);
  });

  it('reports a missing database the same way', async () => {
    const missing = path.join(work, 'nowhere', 'corpus.sqlite');
    const client = startClient(missing);
    await expect(client.call('search', { query: 'gobierno' })).rejects.toMatchObject({
      name: 'Unavailable',
      message: expect.stringContaining(missing),
    });
    const status = client.status();
    expect(status.state === 'error' && status.problem).toEqual(
      expect.objectContaining({ code: 'missing', path: missing }),
    );
  });
});
