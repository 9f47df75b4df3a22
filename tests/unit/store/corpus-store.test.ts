import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../../src-main/core/store/archive';
import type { ImportedDocument } from '../../../src-main/core/import/model';
import { writeCorpusDatabase } from '../../../src-main/core/store/corpus-writer';
import { CorpusReader } from '../../../src-main/core/store/corpus-reader';
import { CORPUS_SCHEMA_VERSION } from '../../../src-main/core/store/corpus-schema';
import { loadCatalog } from '../../../src-main/core/search/search-catalog';
import { buildRealCorpus, SEEDS, type BuiltCorpus } from '../search/real-corpus';

let built: BuiltCorpus;
beforeAll(async () => {
  built = await buildRealCorpus([SEEDS]);
});
afterAll(() => rmSync(built.dir, { recursive: true, force: true }));

function rows(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM documents ORDER BY id').all();
  } finally {
    db.close();
  }
}

describe('writeCorpusDatabase + CorpusReader on the seeds', () => {
  it('stores metadata, both seed documents and their facets', () => {
    const reader = new CorpusReader(built.file);
    try {
      expect(reader.info()).toEqual({
        name: 'Prueba',
        version: '1',
        buildDate: '2026-01-01T00:00:00.000Z',
        schemaVersion: CORPUS_SCHEMA_VERSION,
        documentCount: 2,
      });
      const letter = reader.getDocument(built.letter.id);
      expect(letter?.type).toBe('letter');
      expect(letter?.date).toBe('2017-05-23');
      expect(letter?.text).toContain('Secretaría de la Función Pública');
      expect(letter?.signatories).toEqual(built.letter.signatories);
      // Stored as 32 bytes since schema 6, read back as the importer's hex digest of the letter's text.
      expect(letter?.sha256).toBe(built.letter.sha256);
      expect(letter?.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(reader.getDocument('0000000000000000')).toBeNull();
      expect(reader.summaries().map((summary) => summary.id)).toEqual([built.letter.id, built.seedArticle.id].sort());
    } finally {
      reader.close();
    }
    // Facets live in the search catalog only (schema 5 dropped the document_facets table).
    const db = new Database(built.file, { readonly: true });
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index')")
      .all()
      .map((row) => row.name);
    db.close();
    expect(tables).not.toContain('document_facets');
    const catalogReader = new CorpusReader(built.file);
    try {
      const catalog = loadCatalog(catalogReader.searchCatalog(), 2);
      const letter = [built.letter.id, built.seedArticle.id].sort().indexOf(built.letter.id);
      const ids = catalog.facetIds.subarray(catalog.facetStarts[letter], catalog.facetStarts[letter + 1]);
      expect(ids).toContain([...catalog.facets.flatIdsOf('type', ['letter'])][0]);
      expect(ids).toContain([...catalog.facets.flatIdsOf('year', ['2017'])][0]);
      expect(ids).not.toContain([...catalog.facets.flatIdsOf('type', ['article'])][0]);
    } finally {
      catalogReader.close();
    }
  });

  it('leaves one self-contained file in rollback-journal mode, no temp or WAL side files', () => {
    expect(readdirSync(built.dir).sort()).toEqual(['corpus.sqlite']);
    const db = new Database(built.file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
    // A read-only open must not create side files either (the installer folder is read-only).
    openArchive(built.file).close();
    expect(readdirSync(built.dir).sort()).toEqual(['corpus.sqlite']);
  });

  it('writes the same document rows for the same input, in any input order', () => {
    const again = path.join(built.dir, 'again.sqlite');
    writeCorpusDatabase(again, {
      documents: [...built.imported.documents].reverse(),
      assets: built.imported.assets,
      name: 'Prueba',
      version: '1',
      buildDate: '2030-01-01T00:00:00.000Z',
    });
    expect(rows(again)).toEqual(rows(built.file));
    rmSync(again);
  });

  it('keeps the previous database when a write fails half-way, and removes its temp file', () => {
    const target = path.join(built.dir, 'keep.sqlite');
    writeCorpusDatabase(target, { documents: built.imported.documents, assets: [], name: 'Old', version: '1' });
    const broken: ImportedDocument = {
      ...built.letter,
      id: 'ffffffffffffffff',
      type: 'memo' as ImportedDocument['type'],
    };
    expect(() =>
      writeCorpusDatabase(target, {
        documents: [...built.imported.documents, broken],
        assets: [],
        name: 'New',
        version: '2',
      }),
    ).toThrow(/document ffffffffffffffff \(.*000_ff8ecd809083cd7f\.txt\): CHECK constraint failed/);
    const archive = openArchive(target);
    expect(archive.info.name).toBe('Old');
    expect(archive.info.documentCount).toBe(2);
    expect(archive.getDocument(built.letter.id)?.title).toBe(built.letter.title);
    archive.close();
    expect(readdirSync(built.dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
    rmSync(target);
  });

  it('refuses a document whose SHA-256 is not a hex digest, naming it, and writes nothing', () => {
    const target = path.join(built.dir, 'hash.sqlite');
    const odd: ImportedDocument = { ...built.seedArticle, sha256: 'XYZ' };
    expect(() => writeCorpusDatabase(target, { documents: [odd], assets: [], name: 'x', version: '1' })).toThrow(
      `document ${odd.id} (${odd.source}): SHA-256 "XYZ" is not 64 lowercase hex digits`,
    );
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a document that references an asset that was not imported, naming both', () => {
    const target = path.join(built.dir, 'ref.sqlite');
    const orphan: ImportedDocument = { ...built.seedArticle, assetIds: ['a'.repeat(64)] };
    expect(() => writeCorpusDatabase(target, { documents: [orphan], assets: [], name: 'x', version: '1' })).toThrow(
      `document ${orphan.id} (${orphan.source}) references asset ${'a'.repeat(64)}`,
    );
    expect(existsSync(target)).toBe(false);
  });

  it('stores images once and serves them by id', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const id = 'b'.repeat(64);
    const target = path.join(built.dir, 'assets.sqlite');
    const withImage: ImportedDocument = { ...built.seedArticle, assetIds: [id, id] };
    writeCorpusDatabase(target, {
      documents: [withImage],
      assets: [{ id, mime: 'image/png', bytes, source: 'assets/images/x.png' }],
      name: 'x',
      version: '1',
    });
    const archive = openArchive(target);
    expect(archive.getAsset(id)).toEqual({ mime: 'image/png', bytes });
    expect(archive.getAsset('c'.repeat(64))).toBeNull();
    archive.close();
    rmSync(target);
  });

  it('refuses a corpus made by a newer version of the app with a clear message', () => {
    const target = path.join(built.dir, 'newer.sqlite');
    writeCorpusDatabase(target, { documents: built.imported.documents, assets: [], name: 'x', version: '1' });
    const db = new Database(target);
    db.pragma('user_version = 42');
    db.close();
    expect(() => openArchive(target)).toThrow(
      `${target} was made by a newer version of the app (schema 42, this app knows up to ${CORPUS_SCHEMA_VERSION})`,
    );
    rmSync(target);
  });

  it('names the file when the corpus database does not exist', () => {
    const missing = path.join(built.dir, 'nope.sqlite');
    expect(() => openArchive(missing)).toThrow(`Cannot open database ${missing}`);
  });
});
