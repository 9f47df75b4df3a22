import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../../src-main/core/store/archive';
import { diagnoseCorpusDatabase, findCorpusProblem } from '../../../src-main/core/store/corpus-diagnosis';
import { buildRealCorpus, SEEDS, type BuiltCorpus } from '../search/real-corpus';

let built: BuiltCorpus;
let damaged: string;
beforeAll(async () => {
  built = await buildRealCorpus([SEEDS]);
  damaged = path.join(built.dir, 'damaged');
  mkdirSync(damaged);
});
afterAll(() => rmSync(built.dir, { recursive: true, force: true }));

/** A fresh copy of the built seeds corpus, damaged by `harm`. */
function damagedCopy(name: string, harm: (file: string) => void): string {
  const file = path.join(damaged, name);
  copyFileSync(built.file, file);
  harm(file);
  return file;
}

/** The diagnosis must agree with what actually happens when the app opens the file. */
function expectOpenFails(file: string): void {
  expect(() => openArchive(file).close()).toThrow();
}

describe('diagnoseCorpusDatabase on damaged copies of the built seeds corpus', () => {
  it('finds nothing wrong with the intact corpus (and it opens)', () => {
    expect(findCorpusProblem(built.file)).toBeNull();
    const archive = openArchive(built.file);
    expect(archive.info.documentCount).toBe(2);
    archive.close();
  });

  it('missing: the file does not exist', () => {
    const file = path.join(damaged, 'nowhere', 'corpus.sqlite');
    expectOpenFails(file);
    expect(diagnoseCorpusDatabase(file)).toMatchObject({ code: 'missing', path: file });
  });

  it('truncated: 0 bytes', () => {
    const file = damagedCopy('empty.sqlite', (f) => truncateSync(f, 0));
    expectOpenFails(file);
    const found = diagnoseCorpusDatabase(file);
    expect(found.code).toBe('truncated');
    expect(found.message).toContain('0 bytes');
  });

  it('truncated: cut in half (an interrupted copy)', () => {
    const size = statSync(built.file).size;
    const file = damagedCopy('half.sqlite', (f) => truncateSync(f, Math.floor(size / 2)));
    const found = diagnoseCorpusDatabase(file);
    expect(found.code).toBe('truncated');
    expect(found.message).toContain(`${Math.floor(size / 2)} bytes of the ${size}`);
  });

  it('truncated: cut inside the 100-byte header', () => {
    const file = damagedCopy('header.sqlite', (f) => truncateSync(f, 40));
    expectOpenFails(file);
    expect(diagnoseCorpusDatabase(file).code).toBe('truncated');
  });

  it('corrupt: random bytes of the same size', () => {
    const file = damagedCopy('random.sqlite', (f) => writeFileSync(f, randomBytes(statSync(f).size)));
    expectOpenFails(file);
    expect(diagnoseCorpusDatabase(file)).toMatchObject({ code: 'corrupt', path: file });
  });

  it('corrupt: a valid header over overwritten pages', () => {
    const file = damagedCopy('pages.sqlite', (f) => {
      const bytes = readFileSync(f);
      const pageSize = bytes.readUInt16BE(16);
      // Keep page 1 (header + schema), scribble over every other page.
      bytes.fill(0x5a, pageSize);
      writeFileSync(f, bytes);
    });
    expectOpenFails(file);
    expect(diagnoseCorpusDatabase(file).code).toBe('corrupt');
  });

  it('not-a-corpus: a SQLite database of something else', () => {
    const file = path.join(damaged, 'other.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('mole');");
    db.close();
    expectOpenFails(file);
    const found = diagnoseCorpusDatabase(file);
    expect(found.code).toBe('not-a-corpus');
    expect(found.message).toContain('meta, documents, search_index');
  });

  it('newer-schema: user_version beyond what this app knows', () => {
    const file = damagedCopy('newer.sqlite', (f) => {
      const db = new Database(f);
      db.pragma('user_version = 99');
      db.close();
    });
    expectOpenFails(file);
    const found = diagnoseCorpusDatabase(file);
    expect(found.code).toBe('newer-schema');
    expect(found.message).toContain('schema 99');
  });

  it('stale-index: indexed by another analyzer', () => {
    const file = damagedCopy('stale.sqlite', (f) => {
      const db = new Database(f);
      db.prepare('UPDATE search_index SET analyzer = ? WHERE id = 1').run('es-fold-v0/old');
      db.close();
    });
    expectOpenFails(file);
    const found = diagnoseCorpusDatabase(file);
    expect(found.code).toBe('stale-index');
    expect(found.message).toContain('es-fold-v0/old');
  });

  it('unreadable: a folder where the file should be', () => {
    const file = path.join(damaged, 'folder.sqlite');
    mkdirSync(file);
    expectOpenFails(file);
    expect(diagnoseCorpusDatabase(file).code).toBe('unreadable');
  });

  it('unreadable: no read permission (only when not running as root, which reads anything)', () => {
    const file = damagedCopy('locked.sqlite', (f) => chmodSync(f, 0o000));
    if (process.getuid?.() === 0) {
      console.log(
        'corpus-diagnosis: running as root, chmod 000 does not stop reads; the permission case is checked by the folder case only',
      );
      expect(findCorpusProblem(file)).toBeNull();
      return;
    }
    expect(diagnoseCorpusDatabase(file).code).toBe('unreadable');
  });

  it('leaves the damaged file byte for byte as it was', () => {
    const size = statSync(built.file).size;
    const file = damagedCopy('untouched.sqlite', (f) => truncateSync(f, Math.floor(size / 3)));
    const before = readFileSync(file);
    diagnoseCorpusDatabase(file);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('falls back to corrupt with the opening error when no specific fault is found', () => {
    expect(diagnoseCorpusDatabase(built.file, new Error('index load failed'))).toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining('index load failed'),
    });
  });
});
