import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-main/common/annotations';
import { ApiError } from '../../../src-main/common/errors';
import { openAnnotationService, type AnnotationService } from '../../../src-main/core/annotations/annotation-service';
import { annotationServiceOnceArchiveOpens } from '../../../src-main/core/session/deferred-annotation-service';
import {
  createAnnotation,
  deleteAnnotation,
  getAnnotation,
  listDocumentAnnotations,
  restoreAnnotation,
  updateAnnotation,
} from '../../../src-main/core/annotations/annotations';
import { AnnotationStore } from '../../../src-main/core/userdata/annotation-store';
import { openUserData, type UserData } from '../../../src-main/core/userdata/user-data';
import { explainWriteFault } from '../../../src-main/core/userdata/write-faults';
import { buildSeedArchive, spanOf, type SeedArchive } from './seed-corpus';

let seeds: SeedArchive;
let dir: string;
const open: Array<{ close(): void }> = [];

beforeAll(async () => {
  seeds = await buildSeedArchive();
});
afterAll(() => seeds.archive.close());
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'undo-faults-'));
});
afterEach(() => {
  for (const handle of open.splice(0).reverse()) handle.close();
  rmSync(dir, { recursive: true, force: true });
});

async function userDataIn(folder = dir): Promise<UserData> {
  const handle = await openUserData(folder, { backup: false });
  open.push(handle);
  return handle;
}

async function serviceIn(folder = dir): Promise<AnnotationService> {
  const service = await openAnnotationService(folder, seeds.archive);
  open.push(service);
  return service;
}

function highlightInLetter(userData: UserData, quote: string, note: string, tags: string[] = []): Annotation {
  const { start, end } = spanOf(seeds.letter.text, quote);
  return createAnnotation(userData, seeds.archive, {
    documentId: seeds.letter.id,
    start,
    end,
    note,
    tags,
    colour: 'green',
  });
}

/** Reads the database file with a connection of its own: what is really on disk. */
function storedIn(folder: string): { notes: string[]; integrity: unknown } {
  const db = new Database(path.join(folder, 'user.sqlite'), { readonly: true });
  try {
    const notes = db
      .prepare<[], { note: string }>('SELECT note FROM annotations ORDER BY created, id')
      .all()
      .map((row) => row.note);
    return { notes, integrity: db.pragma('integrity_check', { simple: true }) };
  } finally {
    db.close();
  }
}

describe('restoreAnnotation: undo of a delete brings back the same annotation', () => {
  it('same id, created/modified times, note, tags, colour and passage in the seed letter', async () => {
    const userData = await userDataIn();
    const original = highlightInLetter(userData, 'vigilancia digital ilegal', 'Primera línea\nsegunda línea', [
      'espionaje',
      'Pegasus',
    ]);
    expect(deleteAnnotation(userData, original.id)).toBe(true);
    expect(getAnnotation(userData, original.id)).toBeNull();

    const restored = restoreAnnotation(userData, seeds.archive, original);
    expect(restored).toEqual(original);
    expect(getAnnotation(userData, original.id)).toEqual(original);
    expect(seeds.letter.text.slice(restored.target!.position.start, restored.target!.position.end)).toBe(
      'vigilancia digital ilegal',
    );
  });

  it('refuses a second undo (the id exists) and changes nothing', async () => {
    const userData = await userDataIn();
    const original = highlightInLetter(userData, 'vigilancia digital ilegal', 'nota');
    deleteAnnotation(userData, original.id);
    restoreAnnotation(userData, seeds.archive, original);
    expect(() => restoreAnnotation(userData, seeds.archive, { ...original, note: 'otra' })).toThrow(/exists already/);
    expect(listDocumentAnnotations(userData, seeds.letter.id).map((a) => a.note)).toEqual(['nota']);
  });

  it('validates like an import: a lone surrogate or a bad time is refused and nothing is stored', async () => {
    const userData = await userDataIn();
    const original = highlightInLetter(userData, 'vigilancia digital ilegal', 'nota');
    deleteAnnotation(userData, original.id);
    expect(() => restoreAnnotation(userData, seeds.archive, { ...original, note: 'roto \uD800' })).toThrow(
      /unpaired UTF-16 surrogate/,
    );
    expect(() => restoreAnnotation(userData, seeds.archive, { ...original, created: 'ayer' })).toThrow(
      /created must be an ISO 8601/,
    );
    expect(listDocumentAnnotations(userData, seeds.letter.id)).toEqual([]);
  });

  it('an annotation whose document is gone comes back as the orphan it was', async () => {
    const userData = await userDataIn();
    const original = highlightInLetter(userData, 'vigilancia digital ilegal', 'nota');
    deleteAnnotation(userData, original.id);
    const restored = restoreAnnotation(userData, seeds.archive, { ...original, documentId: 'documento-retirado' });
    expect(restored.state).toBe('orphaned');
    expect(restored.id).toBe(original.id);
    expect(restored.target?.quote.exact).toBe('vigilancia digital ilegal');
  });

  it('through the service: the annotation as JSON (what crosses IPC/HTTP) is validated and restored', async () => {
    const service = await serviceIn();
    const created = await service.call('createAnnotation', [
      { documentId: seeds.letter.id, ...spanOf(seeds.letter.text, 'vigilancia digital ilegal'), note: 'n' },
    ]);
    await service.call('deleteAnnotation', [created.id]);
    const wire = JSON.parse(JSON.stringify(created)) as Annotation;
    expect(await service.call('restoreAnnotation', [wire])).toEqual(created);
    await expect(service.call('restoreAnnotation', [{ ...wire, extra: 1 }])).rejects.toThrow(/Invalid annotation/);
    expect((await service.call('listAnnotations', [seeds.letter.id])).map((a) => a.id)).toEqual([created.id]);
  });
});

describe('disk full while writing annotations', () => {
  it('simulated (PRAGMA max_page_count): SQLITE_FULL becomes a sentence naming the folder; the last good state stays', async () => {
    const userData = await userDataIn();
    highlightInLetter(userData, 'vigilancia digital ilegal', 'guardada antes');
    const pages = Number(userData.db.pragma('page_count', { simple: true }));
    // The connection may not grow the file any more: exactly what a full disk does to SQLite.
    userData.db.pragma(`max_page_count = ${pages}`);
    let failure: unknown;
    try {
      highlightInLetter(userData, 'Secretaría de la Función Pública', 'ñ'.repeat(60_000));
    } catch (error) {
      failure = error;
    }
    expect((failure as { code?: string }).code).toBe('SQLITE_FULL');
    const explained = explainWriteFault(failure, dir);
    expect(explained).toBeInstanceOf(ApiError);
    expect(explained?.name).toBe('Unavailable');
    expect(explained?.code).toBe('disk-full');
    expect(explained?.message).toContain(`your notes folder (${dir}) is full`);

    // An edit that needs more pages fails the same way and leaves the note as it was.
    const [kept] = listDocumentAnnotations(userData, seeds.letter.id);
    expect(() => updateAnnotation(userData, kept!.id, { note: 'x'.repeat(90_000) })).toThrow(/full/);
    expect(storedIn(dir)).toEqual({ notes: ['guardada antes'], integrity: 'ok' });
  });

  it('for real: a 3 MB tmpfs filled up; the service answers disk-full and the database keeps its notes', async (context) => {
    const mountPoint = mkdtempSync(path.join(os.tmpdir(), 'full-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    } catch (error) {
      console.log(
        `disk-full on tmpfs skipped: cannot mount a tmpfs here (${(error instanceof Error ? error.message : String(error)).split('\n')[0]}); the max_page_count simulation above still runs`,
      );
      rmSync(mountPoint, { recursive: true, force: true });
      context.skip();
      return;
    }
    const folder = path.join(mountPoint, 'archivo-offline');
    try {
      mkdirSync(folder);
      const service = await serviceIn(folder);
      await service.call('createAnnotation', [
        {
          documentId: seeds.letter.id,
          ...spanOf(seeds.letter.text, 'vigilancia digital ilegal'),
          note: 'guardada antes',
        },
      ]);
      // Fill the disk to the last block.
      const free = statfsSync(mountPoint);
      writeFileSync(path.join(mountPoint, 'filler'), Buffer.alloc(free.bavail * free.bsize));
      expect(statfsSync(mountPoint).bavail).toBe(0);

      const attempt = service.call('createAnnotation', [
        {
          documentId: seeds.letter.id,
          ...spanOf(seeds.letter.text, 'Secretaría de la Función Pública'),
          note: 'ñ'.repeat(90_000),
        },
      ]);
      await expect(attempt).rejects.toMatchObject({ name: 'Unavailable', code: 'disk-full' });
      await expect(attempt).rejects.toThrow(`your notes folder (${folder}) is full`);
      // Reading still works, and shows only the note saved before.
      expect((await service.call('listAnnotations', [seeds.letter.id])).map((a) => a.note)).toEqual(['guardada antes']);
      service.close();
      rmSync(path.join(mountPoint, 'filler'));
      expect(storedIn(folder)).toEqual({ notes: ['guardada antes'], integrity: 'ok' });
    } finally {
      for (const handle of open.splice(0)) handle.close();
      execFileSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    }
  });
});

describe('read-only user-data folder while writing annotations', () => {
  it('a connection opened with the read-only flag: SQLITE_READONLY becomes the read-only sentence', async () => {
    const userData = await userDataIn();
    highlightInLetter(userData, 'vigilancia digital ilegal', 'guardada antes');
    userData.close();
    const readOnly = new Database(path.join(dir, 'user.sqlite'), { readonly: true, fileMustExist: true });
    open.push(readOnly);
    const store = new AnnotationStore(readOnly);
    const before = store.all();
    let failure: unknown;
    try {
      store.transaction(() => store.insert({ ...before[0]!, id: '00000000-0000-4000-8000-000000000001' }));
    } catch (error) {
      failure = error;
    }
    expect((failure as { code?: string }).code).toBe('SQLITE_READONLY');
    const explained = explainWriteFault(failure, dir);
    expect(explained?.code).toBe('read-only');
    expect(explained?.message).toContain(`your notes folder (${dir}) cannot be written to (read-only)`);
    expect(store.all()).toEqual(before);
  });

  it('for real: chattr +i on the folder, user.sqlite and its WAL while the service is open (root ignores chmod)', async (context) => {
    const service = await serviceIn();
    await service.call('createAnnotation', [
      {
        documentId: seeds.letter.id,
        ...spanOf(seeds.letter.text, 'vigilancia digital ilegal'),
        note: 'guardada antes',
      },
    ]);
    const file = path.join(dir, 'user.sqlite');
    // Not the -shm file: SQLite maps it into memory, and an immutable mapped file kills the process (SIGBUS).
    const locked = [dir, file, `${file}-wal`];
    try {
      execFileSync('chattr', ['+i', ...locked], { stdio: 'pipe' });
    } catch (error) {
      console.log(
        `read-only with chattr skipped: chattr +i is not available here (${(error instanceof Error ? error.message : String(error)).split('\n')[0]}); the read-only flag case above still runs`,
      );
      context.skip();
      return;
    }
    try {
      const [existing] = await service.call('listAnnotations', [seeds.letter.id]);
      const update = service.call('updateAnnotation', [existing!.id, { note: 'cambiada' }]);
      await expect(update).rejects.toMatchObject({ name: 'Unavailable', code: 'read-only' });
      await expect(update).rejects.toThrow(`your notes folder (${dir}) cannot be written to`);
      await expect(
        service.call('createAnnotation', [{ documentId: seeds.letter.id, note: 'nota del documento' }]),
      ).rejects.toMatchObject({ code: 'read-only' });
      expect((await service.call('listAnnotations', [seeds.letter.id])).map((a) => a.note)).toEqual(['guardada antes']);
    } finally {
      execFileSync('chattr', ['-i', ...locked]);
    }
    service.close();
    expect(storedIn(dir)).toEqual({ notes: ['guardada antes'], integrity: 'ok' });
  });
});

describe('read-only user-data folder at start', () => {
  it('for real: a tmpfs remounted read-only; opening fails, every notes call answers read-only naming the folder, the file is unchanged', async (context) => {
    const mountPoint = mkdtempSync(path.join(os.tmpdir(), 'ro-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    } catch (error) {
      console.log(
        `read-only at start skipped: cannot mount a tmpfs here (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`,
      );
      rmSync(mountPoint, { recursive: true, force: true });
      context.skip();
      return;
    }
    try {
      const service = await openAnnotationService(mountPoint, seeds.archive);
      await service.call('createAnnotation', [
        {
          documentId: seeds.letter.id,
          ...spanOf(seeds.letter.text, 'vigilancia digital ilegal'),
          note: 'guardada antes',
        },
      ]);
      service.close();
      const before = readFileSync(path.join(mountPoint, 'user.sqlite'));
      execFileSync('mount', ['-o', 'remount,ro', mountPoint]);

      // What the app's session does: open the notes once the library has an archive.
      const notes = annotationServiceOnceArchiveOpens(mountPoint, { archive: seeds.archive, list: () => [seeds] });
      await notes.openIfArchive();
      expect(notes.isOpen).toBe(false);
      const call = notes.call('listAnnotations', [seeds.letter.id]);
      await expect(call).rejects.toMatchObject({ name: 'Unavailable', code: 'read-only' });
      await expect(call).rejects.toThrow(`your notes folder (${mountPoint}) cannot be written to (read-only)`);
      notes.close();
      expect(readFileSync(path.join(mountPoint, 'user.sqlite')).equals(before)).toBe(true);
      execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
      expect(storedIn(mountPoint)).toEqual({ notes: ['guardada antes'], integrity: 'ok' });
    } finally {
      execFileSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    }
  });
});
