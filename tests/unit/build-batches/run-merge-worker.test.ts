import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchedPositionsBuilder } from '../../../src-main/core/build/batched-positions';
import { FileRunStore } from '../../../src-main/core/build/run-spill';
import { RunMergeWorker } from '../../../src-main/core/build/run-merge-worker';
import { importSources } from '../../../src-main/core/import/index';
import type { ImportResult } from '../../../src-main/core/import/model';
import { createDocumentAnalyser } from '../../../src-main/core/search/document-analysis';
import { CorpusWriter, writeCorpusDatabase } from '../../../src-main/core/store/corpus-writer';
import { GOBIERNOFACIL, SEEDS } from '../search/real-corpus';

const RENDER_WORKER = new URL('../../../src-main/core/import/render-worker.ts', import.meta.url);
const ENDING_EARLY = new URL('./fixtures/merge-worker-ending-early.ts', import.meta.url);
/** 27 documents in batches of 4: 7 runs, the last one spilled only when the finish starts. */
const BATCH_SIZE = 4;

/** Each table's rows, digested in key order (meta's build date left out). */
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
let expected: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'run-merge-worker-'));
  imported = await importSources([SEEDS, GOBIERNOFACIL]);
  const file = path.join(dir, 'in-one-thread.sqlite');
  writeCorpusDatabase(file, { ...content(), batchSize: BATCH_SIZE });
  expected = contentOf(file);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function content(): {
  documents: ImportResult['documents'];
  assets: ImportResult['assets'];
  name: string;
  version: string;
} {
  return { documents: imported.documents, assets: imported.assets, name: 'Prueba', version: '1' };
}

/** The same build as `expected`, finished by `finishInParallel` with `script` as the merge helper. */
async function writeWithHelper(name: string, script: URL): Promise<Record<string, string>> {
  const file = path.join(dir, name);
  const writer = new CorpusWriter(file, { batchSize: BATCH_SIZE });
  for (const document of [...imported.documents].sort((a, b) => (a.id < b.id ? -1 : 1))) writer.add(document);
  await writer.finishInParallel(content(), script);
  return contentOf(file);
}

describe('a finish that merges the phrase positions in a helper thread', () => {
  it('writes the same database as a finish in one thread', async () => {
    const written = await writeWithHelper('helper.sqlite', RENDER_WORKER);
    expect(written).toEqual(expected);
    expect(expected.phrase_positions).toMatch(/^\d{4,} rows/);
  });

  it('writes the same database when the helper cannot start', async () => {
    expect(
      await writeWithHelper('no-helper.sqlite', new URL('./fixtures/no-such-worker.mjs', import.meta.url)),
    ).toEqual(expected);
  });

  it('merges in this thread what a helper that died did not hand over', async () => {
    expect(await writeWithHelper('helper-died.sqlite', ENDING_EARLY)).toEqual(expected);
    // Only the finished databases are left: the spilled runs are removed.
    expect(readdirSync(dir).sort()).toEqual([
      'helper-died.sqlite',
      'helper.sqlite',
      'in-one-thread.sqlite',
      'no-helper.sqlite',
    ]);
  });
});

describe('RunMergeWorker', () => {
  /** A positions builder of the real corpus's 27 documents, its runs spilled in batches of 4. */
  function spilledPositions(name: string): { builder: BatchedPositionsBuilder; runs: FileRunStore } {
    const runs = new FileRunStore(path.join(dir, name));
    const builder = new BatchedPositionsBuilder(runs, BATCH_SIZE);
    const analyse = createDocumentAnalyser();
    [...imported.documents]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .forEach((document, doc) => builder.addWords(doc, analyse(document).words));
    return { builder, runs };
  }

  it('hands over every merged list, packed as in this thread, in merge order', async () => {
    const { builder, runs } = spilledPositions('all.runs');
    // The order first: taking it spills the last batch.
    const order = builder.mergeOrder();
    const helper = RunMergeWorker.start(RENDER_WORKER);
    const taken: Array<[string, string]> = [];
    try {
      const merge = helper?.merge({ spilled: runs.spilled(), order }, (key, packed) =>
        taken.push([builder.wordOf(key), packed.toString('hex')]),
      );
      await merge?.done;
      expect(merge?.complete).toBe(true);
      expect(merge?.taken).toBe(taken.length);
    } finally {
      await helper?.close();
    }
    const here = Array.from(builder.entries(), ([word, packed]): [string, string] => [word, packed.toString('hex')]);
    expect(taken).toEqual(here);
    // More than one batch of the helper's (2,048 lists at most each).
    expect(taken.length).toBeGreaterThan(2048);
  });

  it('reports a helper that ended early as incomplete, with what it handed over', async () => {
    const { builder, runs } = spilledPositions('early.runs');
    // The order first: taking it spills the last batch.
    const order = builder.mergeOrder();
    const helper = RunMergeWorker.start(ENDING_EARLY);
    const taken: string[] = [];
    try {
      const merge = helper?.merge({ spilled: runs.spilled(), order }, (key) => taken.push(builder.wordOf(key)));
      await merge?.done;
      expect(merge?.complete).toBe(false);
      expect(merge?.taken).toBe(taken.length);
    } finally {
      await helper?.close();
    }
    expect(taken.length).toBeGreaterThan(0);
    // Merged here, from the kept runs (entries disposes them).
    expect(taken).toEqual(Array.from(builder.entries(), ([word]) => word).slice(0, taken.length));
  });
});
