import Database from 'better-sqlite3';
import { copyFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES, BlockReader, BlockWriter, type BlockSlice } from '../../../src-main/core/store/document-blocks';
import { CorpusReader } from '../../../src-main/core/store/corpus-reader';
import { diagnoseCorpusDatabase } from '../../../src-main/core/store/corpus-diagnosis';
import { withRealCorpus, type BuiltCorpus } from '../search/real-corpus';

let built: BuiltCorpus;
let reader: CorpusReader;

withRealCorpus(
  (file) => new CorpusReader(file),
  (corpus, opened) => {
    built = corpus;
    reader = opened;
  },
);

describe('documents in compressed blocks', () => {
  it('gives back every real document’s text and HTML exactly as imported', () => {
    for (const document of built.imported.documents) {
      const stored = reader.getDocument(document.id);
      expect(stored?.text).toBe(document.text);
      expect(stored?.html).toBe(document.html);
      expect(reader.getText(document.id)).toBe(document.text);
    }
  });

  it('stores neither a plain copy nor a folded copy of the texts, and the blocks are much smaller', () => {
    const db = new Database(built.file, { readonly: true });
    try {
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all();
      expect(tables.map((table) => table.name)).not.toContain('folded_texts');
      const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('documents')").all();
      expect(columns.map((column) => column.name)).not.toContain('text');
      expect(columns.map((column) => column.name)).not.toContain('html');
      const { blocks, bytes } = db
        .prepare<[], { blocks: number; bytes: number }>(
          'SELECT count(*) AS blocks, sum(length(data)) AS bytes FROM document_blocks',
        )
        .get() ?? { blocks: 0, bytes: 0 };
      const plain = built.imported.documents.reduce(
        (sum, document) => sum + Buffer.byteLength(document.text) + Buffer.byteLength(document.html),
        0,
      );
      expect(blocks).toBeGreaterThan(1);
      expect(blocks).toBeLessThan(built.imported.documents.length);
      expect(bytes).toBeLessThan(plain / 2.5);
    } finally {
      db.close();
    }
  });

  it.each([
    [3, 'uncompressed'],
    [4, 'position counts and document_facets'],
    [5, 'scores × 1000 in the postings'],
  ])('refuses a database of an older format (schema %i: %s) with "rebuild"', (version) => {
    const old = `${built.file}.v${version}.sqlite`;
    copyFileSync(built.file, old);
    const db = new Database(old);
    db.pragma(`user_version = ${version}`);
    db.close();
    expect(() => new CorpusReader(old)).toThrow(`schema ${version}, expected 6); rebuild it`);
    expect(diagnoseCorpusDatabase(old).code).toBe('stale-index');
    expect(diagnoseCorpusDatabase(old).message).toContain('it must be rebuilt');
    expect(statSync(old).size).toBe(statSync(built.file).size);
  });
});

describe('BlockWriter and BlockReader', () => {
  function writeBlocks(pieces: string[], blockBytes: number): { stored: Map<number, Buffer>; slices: BlockSlice[] } {
    const stored = new Map<number, Buffer>();
    const writer = new BlockWriter((id, data) => stored.set(id, data), blockBytes);
    const slices = pieces.flatMap((piece) => writer.add([piece]));
    writer.flush();
    return { stored, slices };
  }

  it('keeps the pieces of one add together, even past the block size', () => {
    const { stored, slices } = writeBlocks([], 100);
    expect(stored.size).toBe(0);
    expect(slices).toEqual([]);
    const kept = new Map<number, Buffer>();
    const writer = new BlockWriter((id, data) => kept.set(id, data), 100);
    const [text, html] = writer.add(['a'.repeat(80), `<p>${'a'.repeat(80)}</p>`]);
    const [next] = writer.add(['b']);
    writer.flush();
    expect([text?.block, html?.block, next?.block]).toEqual([0, 0, 1]);
    expect(html?.offset).toBe(80);
    expect(kept.size).toBe(2);
  });

  it('packs pieces until the block size, and reads one piece by decompressing only its block', () => {
    const pieces = Array.from({ length: 40 }, (_, i) =>
      `Carta ${i}: vigilancia y espionaje en México, año ${2010 + (i % 9)}. ñandú `.repeat(20),
    );
    const { stored, slices } = writeBlocks(pieces, 8 * 1024);
    expect(stored.size).toBeGreaterThan(3);
    expect(slices[0]?.block).toBe(0);
    const asked: number[] = [];
    const blocks = new BlockReader((id) => {
      asked.push(id);
      return stored.get(id) ?? null;
    }, 'prueba.sqlite');
    const last = slices[39];
    if (!last) throw new Error('no slice for the last piece');
    expect(blocks.read(last)).toBe(pieces[39]);
    expect(asked).toEqual([last.block]);
    // Its neighbour in the same block comes from the cache.
    const neighbour = slices.findIndex((slice) => slice.block === last.block);
    expect(blocks.read(slices[neighbour] as BlockSlice)).toBe(pieces[neighbour]);
    expect(asked).toEqual([last.block]);
  });

  it('reads a piece near the start of a block from part of it, and later pieces all the same', () => {
    // Varied words (a small PRNG), so that a full-size block does not compress to almost nothing.
    let seed = 7;
    const word = () => {
      seed = (seed * 16807) % 2147483647;
      const words = ['vigilancia', 'espionaje', 'México', 'año', 'ñandú', 'Pegasus', 'carta', 'firma'];
      return `${words[seed % 8] ?? ''}${seed % 997}`;
    };
    const pieces = Array.from({ length: 60 }, () => Array.from({ length: 400 }, word).join(' '));
    const { stored, slices } = writeBlocks(pieces, BLOCK_BYTES);
    const first = slices[0] as BlockSlice;
    const lastOfBlock = slices.filter((slice) => slice.block === first.block).at(-1) as BlockSlice;
    const decompressed: number[] = [];
    const blocks = new BlockReader((id) => {
      const data = stored.get(id) ?? null;
      if (data) decompressed.push(id);
      return data;
    }, 'prueba.sqlite');
    expect(blocks.read(first)).toBe(pieces[0]);
    expect(blocks.read(lastOfBlock)).toBe(pieces[slices.indexOf(lastOfBlock)]);
    // The first read stopped short of the block's end, so the last piece read it again.
    expect(decompressed).toEqual([first.block, first.block]);
    slices.forEach((slice, i) => expect(blocks.read(slice)).toBe(pieces[i]));
  });

  it('names the file and asks for a rebuild when a block is missing or damaged', () => {
    const { stored, slices } = writeBlocks(['uno', 'dos'], 1024);
    const first = slices[0] as BlockSlice;
    expect(() => new BlockReader(() => null, 'a.sqlite').read(first)).toThrow(
      'a.sqlite: document block 0 is missing; rebuild the corpus',
    );
    const damaged = Buffer.from(stored.get(0) ?? Buffer.alloc(0)).fill(0x55, 2);
    expect(() => new BlockReader(() => damaged, 'b.sqlite').read(first)).toThrow(
      /b\.sqlite: document block 0 .*rebuild/,
    );
  });
});
