import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchedFormsBuilder } from '../../../src-main/core/build/batched-forms';
import { BatchedPositionsBuilder } from '../../../src-main/core/build/batched-positions';
import { FileRunStore, MemoryRunStore } from '../../../src-main/core/build/run-spill';
import { importSources } from '../../../src-main/core/import/index';
import type { ImportResult } from '../../../src-main/core/import/model';
import { decodePositionList } from '../../../src-main/core/search/phrase-positions';
import { createDocumentAnalyser, type DocumentAnalysis } from '../../../src-main/core/search/document-analysis';
import { PhrasePositionsBuilder, WordFormsBuilder } from '../../support/reference-search-data';
import { CorpusWriter, writeCorpusDatabase } from '../../../src-main/core/store/corpus-writer';
import { GOBIERNOFACIL, SEEDS } from '../search/real-corpus';

/**
 * Each table's row count and a digest of every row (meta's build date left out), in key order: what
 * "the same database" means here. Digests, not the rows: comparing megabytes of blobs value by value is slow.
 */
function contentOf(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    return Object.fromEntries(
      tables.map((table) => {
        const hash = createHash('sha256');
        const where = table === 'meta' ? "WHERE key <> 'build_date'" : '';
        let rows = 0;
        for (const row of db.prepare(`SELECT * FROM "${table}" ${where} ORDER BY 1, 2`).raw().iterate()) {
          rows += 1;
          for (const value of Array.isArray(row) ? row : []) {
            hash.update(Buffer.isBuffer(value) ? value : JSON.stringify(value)).update('\u0000');
          }
        }
        return [table, `${rows} rows, sha256 ${hash.digest('hex')}`];
      }),
    );
  } finally {
    db.close();
  }
}

let dir = '';
let imported: ImportResult;
let analyses: Array<{ id: string; analysis: DocumentAnalysis }> = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'batched-build-'));
  imported = await importSources([SEEDS, GOBIERNOFACIL]);
  const analyse = createDocumentAnalyser();
  analyses = [...imported.documents]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((document) => ({ id: document.id, analysis: analyse(document) }));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a build in batches', () => {
  it('writes the same database with batches of 1 and 3 documents as in one batch', () => {
    const write = (name: string, batchSize?: number): string => {
      const file = path.join(dir, name);
      writeCorpusDatabase(file, {
        documents: imported.documents,
        assets: imported.assets,
        name: 'Prueba',
        version: '1',
        ...(batchSize === undefined ? {} : { batchSize }),
      });
      return file;
    };
    // 27 documents: one batch by default, 27 and 9 spilled runs here.
    expect(imported.documents).toHaveLength(27);
    const oneBatch = contentOf(write('one-batch.sqlite'));
    expect(contentOf(write('batch-1.sqlite', 1))).toEqual(oneBatch);
    expect(contentOf(write('batch-3.sqlite', 3))).toEqual(oneBatch);
    expect(oneBatch.search_postings).toMatch(/^\d{4,} rows/);
    // Only the finished databases are left: the spilled runs are removed.
    expect(readdirSync(dir).sort()).toEqual(['batch-1.sqlite', 'batch-3.sqlite', 'one-batch.sqlite']);
  });

  it('gives the phrase positions and word forms of the unbatched builders, across batches', () => {
    const positions = new PhrasePositionsBuilder();
    const forms = new WordFormsBuilder();
    const batchedPositions = new BatchedPositionsBuilder(new FileRunStore(path.join(dir, 'positions.runs')), 4);
    const batchedForms = new BatchedFormsBuilder(new MemoryRunStore(), 4);
    analyses.forEach(({ analysis }, doc) => {
      positions.addWords(doc, analysis.words);
      batchedPositions.addWords(doc, analysis.words);
      forms.add(doc, analysis.forms, analysis.formTerms);
      batchedForms.add(doc, analysis.forms, analysis.formTerms);
    });
    const expectedPositions = [...positions.entries()];
    const batched = [...batchedPositions.entries()];
    expect(batched).toEqual(expectedPositions);
    expect([...batchedForms.rows()]).toEqual([...forms.rows()]);
    // "gobierno" is in documents of several batches of 4: its list was merged from several runs.
    const gobierno = batched.find(([word]) => word === 'gobierno');
    expect(gobierno).toBeDefined();
    const list = decodePositionList(gobierno?.[1] ?? Buffer.alloc(0));
    const documents: number[] = [];
    for (let at = 0, doc = 0; at < list.length; at += 2 + (list[at + 1] ?? 0)) {
      doc += list[at] ?? 0;
      documents.push(doc);
    }
    expect(new Set(documents.map((doc) => Math.floor(doc / 4))).size).toBeGreaterThan(2);
    expect(existsSync(path.join(dir, 'positions.runs'))).toBe(false);
  });

  it('removes its spilled runs and leaves no file when a build fails after spilling', () => {
    const target = path.join(dir, 'failed', 'corpus.sqlite');
    const writer = new CorpusWriter(target, { batchSize: 2 });
    const [first, second, third] = [...imported.documents].sort((a, b) => (a.id < b.id ? -1 : 1));
    if (!first || !second || !third) throw new Error('the real corpus has fewer than 3 documents');
    writer.add(first);
    writer.add(second);
    writer.add(third);
    expect(readdirSync(path.dirname(target)).some((name) => name.endsWith('.runs'))).toBe(true);
    expect(() => {
      writer.add(first);
    }).toThrow(/ascending id order/);
    expect(readdirSync(path.dirname(target))).toEqual([]);
  });

  it('refuses a batch size that is not a positive integer, naming the database', () => {
    expect(() => new CorpusWriter(path.join(dir, 'x.sqlite'), { batchSize: 0 })).toThrow(/x\.sqlite: batch size 0/);
  });
});

describe('spilled runs', () => {
  it('read back a list longer than the read window, merged by key order over runs', () => {
    const store = new FileRunStore(path.join(dir, 'long.runs'));
    const long = Int32Array.from({ length: 200_000 }, (_, i) => i * 7);
    store.writeRun([
      { key: 2, list: Int32Array.of(1, 2) },
      { key: 0, list: long },
    ]);
    store.writeRun([
      { key: 1, list: Int32Array.of(9) },
      { key: 0, list: Int32Array.of(5, 6, 7) },
    ]);
    const merged = [...store.merge(Int32Array.of(2, 1, 0))].map(({ key, lists }) => ({
      key,
      lengths: lists.map((list) => list.length),
      last: lists.map((list) => list[list.length - 1]),
    }));
    expect(merged).toEqual([
      { key: 2, lengths: [2], last: [2] },
      { key: 1, lengths: [1], last: [9] },
      { key: 0, lengths: [200_000, 3], last: [1_399_993, 7] },
    ]);
    store.dispose();
    expect(existsSync(path.join(dir, 'long.runs'))).toBe(false);
  });

  it('refuses runs whose keys are not in the merge order', () => {
    const store = new MemoryRunStore();
    store.writeRun([
      { key: 0, list: Int32Array.of(1) },
      { key: 1, list: Int32Array.of(2) },
    ]);
    expect(() => [...store.merge(Int32Array.of(1, 0))]).toThrow(/out of order/);
  });
});
