import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { bundleArchiveWorker } from './worker-bundle';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANNOTATION_IPC_CHANNELS, IPC_CHANNELS } from '../../../src-main/common/ipc';
import type { Annotation } from '../../../src-main/common/annotations';
import type { AnnotationExportResult } from '../../../src-main/common/api';
import type { DocumentRecord, SearchResponse } from '../../../src-main/common/types';
import { buildCorpus } from '../../../src-main/core/build/build';
import { ArchiveClient, workerIpc } from '../../../src-main/main/archive-client';
import { createExportSaver } from '../../../src-main/main/export-dialog';
import { registerIpcHandlers, type IpcEnvelope } from '../../../src-main/main/ipc-handlers';

/**
 * Annotations in the Electron build, minus Electron: IPC handler (sender check + zod) ->
 * ArchiveClient -> the bundled worker, which opens the user database beside the corpus,
 * on the two seed documents. The save dialog is a fake; the file write is real.
 */
const repo = path.resolve(__dirname, '../../..');
const seeds = path.resolve(repo, '../shared/corpus/seeds');
let work: string;
let bundleDir: string;
let client: ArchiveClient;
let trusted = true;
let dialogAnswer: { canceled: boolean; filePath?: string } = { canceled: true };
const showSaveDialog = vi.fn(async () => dialogAnswer);
const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>();

async function invoke<T>(channel: string, ...args: unknown[]): Promise<IpcEnvelope<T>> {
  return (await handlers.get(channel)!({} as IpcMainInvokeEvent, ...args)) as IpcEnvelope<T>;
}
async function value<T>(channel: string, ...args: unknown[]): Promise<T> {
  const reply = await invoke<T>(channel, ...args);
  if (!reply.ok) throw new Error(`${reply.error.name}: ${reply.error.message}`);
  return reply.value;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'annotations-ipc-'));
  const bundle = await bundleArchiveWorker('annotations-worker');
  bundleDir = bundle.dir;
  const workerBundle = bundle.file;
  const corpusPath = path.join(work, 'corpus.sqlite');
  await buildCorpus({ inputs: [seeds], out: corpusPath, name: 'Semillas' });
  client = new ArchiveClient(
    new Worker(workerBundle, {
      workerData: {
        databasePath: corpusPath,
        userDataDir: path.join(work, 'user'),
        packsDir: path.join(work, 'packs'),
      },
    }),
  );
  const saveExport = createExportSaver({
    showSaveDialog,
    writeFile: (file, content) => writeFile(file, content, 'utf8'),
    defaultFolder: work,
    now: () => new Date('2026-11-28T12:00:00Z'),
  });
  registerIpcHandlers(
    { handle: (channel, listener) => void handlers.set(channel, listener) },
    {
      forward: workerIpc(client).forward,
      handlers: {
        ...workerIpc(client).handlers,
        // As main.ts wires it: the worker's content, saved where the user chooses.
        exportAnnotations: async (...args) => {
          const exported = await client.call('exportAnnotations', ...args);
          if (exported.kind !== 'content') return exported;
          const extension = exported.fileName.slice(exported.fileName.lastIndexOf('.') + 1);
          return saveExport({ content: exported.content, mime: exported.mime, extension });
        },
        openExternal: async () => undefined,
        saveExport: (content, fileName) =>
          saveExport({
            content,
            mime: 'text/plain',
            extension: fileName.slice(fileName.lastIndexOf('.') + 1),
            fileName,
          }),
      },
      isTrustedSender: () => trusted,
    },
  );
}, 60_000);

afterAll(async () => {
  await client?.close();
  rmSync(work, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

async function seedLetter(): Promise<DocumentRecord> {
  const found = await value<SearchResponse>(IPC_CHANNELS.search, { query: '', filters: { type: ['letter'] } });
  return (await value<DocumentRecord | null>(IPC_CHANNELS.getDocument, found.hits[0]!.id))!;
}

describe('annotation IPC (bundled worker, real seed corpus)', () => {
  it('registers one channel per AnnotationsApi method', () => {
    for (const channel of Object.values(ANNOTATION_IPC_CHANNELS)) expect(handlers.has(channel)).toBe(true);
  });

  it('creates a highlight on the seed letter in the worker, lists and searches it accent-free', async () => {
    const letter = await seedLetter();
    const quote = 'concluir su participación';
    const start = letter.text.indexOf(quote);
    expect(start).toBeGreaterThan(0);
    const created = await value<Annotation>(ANNOTATION_IPC_CHANNELS.createAnnotation, {
      documentId: letter.id,
      start,
      end: start + quote.length,
      colour: 'blue',
      tags: ['ogp'],
    });
    expect(created.target?.quote.exact).toBe(quote);
    expect((await value<Annotation[]>(ANNOTATION_IPC_CHANNELS.listAnnotations, letter.id)).map((a) => a.id)).toEqual([
      created.id,
    ]);
    expect(
      (await value<Annotation[]>(ANNOTATION_IPC_CHANNELS.searchAnnotations, { query: 'participacion' })).map(
        (a) => a.id,
      ),
    ).toEqual([created.id]);
    expect(await value(ANNOTATION_IPC_CHANNELS.userDataStatus)).toEqual({
      recovered: null,
      backupError: null,
      folder: path.join(work, 'user'),
      encrypted: false,
      locked: false,
      // Fresh plain notes: the page asks once whether to encrypt them (issue 17).
      askAboutEncryption: true,
    });
  });

  it('exports through the save dialog and writes the chosen file; cancelling writes nothing', async () => {
    const target = path.join(work, 'notas.md');
    dialogAnswer = { canceled: false, filePath: target };
    const saved = await value<AnnotationExportResult>(ANNOTATION_IPC_CHANNELS.exportAnnotations, 'markdown', {});
    expect(saved).toEqual({ kind: 'saved', path: target });
    expect(readFileSync(target, 'utf8')).toContain('> concluir su participación');
    expect(showSaveDialog).toHaveBeenLastCalledWith(
      expect.objectContaining({ defaultPath: `${work}/anotaciones-2026-11-28.md` }),
    );
    dialogAnswer = { canceled: true };
    const cancelled = await value<AnnotationExportResult>(ANNOTATION_IPC_CHANNELS.exportAnnotations, 'csv', {});
    expect(cancelled).toEqual({ kind: 'cancelled' });
    expect(existsSync(path.join(work, 'anotaciones-2026-11-28.csv'))).toBe(false);
  });

  it('saves a file the page wrote (citations) under the proposed name, and refuses a name with a folder', async () => {
    const target = path.join(work, 'carta.bib');
    dialogAnswer = { canceled: false, filePath: target };
    const bibtex = '@misc{Articulo2017Carta,\n\turl = {archivo://doc/3c4cb6e498c0c639},\n}\n';
    const saved = await value<AnnotationExportResult>(IPC_CHANNELS.saveExport, bibtex, 'carta-a-organizaciones.bib');
    expect(saved).toEqual({ kind: 'saved', path: target });
    expect(readFileSync(target, 'utf8')).toBe(bibtex);
    expect(showSaveDialog).toHaveBeenLastCalledWith(
      expect.objectContaining({
        defaultPath: `${work}/carta-a-organizaciones.bib`,
        filters: [{ name: 'BibTeX', extensions: ['bib'] }],
      }),
    );
    const refused = await invoke(IPC_CHANNELS.saveExport, bibtex, '../../.bashrc.bib');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/^Invalid fileName:/);
  });

  it('rejects malformed arguments in the main process, naming the field', async () => {
    const reply = await invoke(ANNOTATION_IPC_CHANNELS.updateAnnotation, '00000000-0000-4000-8000-000000000000', {
      colour: 'red',
    });
    expect(reply).toEqual({
      ok: false,
      error: { name: 'InvalidArgument', message: expect.stringContaining('Invalid changes.colour') },
    });
    const traversal = await invoke(ANNOTATION_IPC_CHANNELS.restoreBackup, '../../etc/passwd');
    expect(traversal.ok).toBe(false);
    expect(!traversal.ok && traversal.error.message).toContain('Invalid name');
  });

  it('refuses every annotation call from an untrusted sender', async () => {
    trusted = false;
    try {
      const reply = await invoke(ANNOTATION_IPC_CHANNELS.searchAnnotations, {});
      expect(reply).toEqual({
        ok: false,
        error: { name: 'InvalidArgument', message: expect.stringContaining('did not come from the app window') },
      });
    } finally {
      trusted = true;
    }
  });
});
