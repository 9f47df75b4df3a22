import Database from 'better-sqlite3';
import { copyFileSync, statSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES, BlockReader, BlockWriter, type BlockSlice } from '../../../src-main/core/store/document-blocks';
import { CorpusReader } from '../../../src-main/core/store/corpus-reader';
import { openArchive } from '../../../src-main/core/store/archive';
import { ANALYZER_ID } from '../../../src-main/core/search/analyzer';
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
    [6, 'field lengths as varints'],
  ])('refuses a database of an older format (schema %i: %s) with "rebuild"', (version) => {
    const old = `${built.file}.v${version}.sqlite`;
    copyFileSync(built.file, old);
    const db = new Database(old);
    db.pragma(`user_version = ${version}`);
    db.close();
    expect(() => new CorpusReader(old)).toThrow(`schema ${version}, expected 7); rebuild it`);
    expect(diagnoseCorpusDatabase(old).code).toBe('stale-index');
    expect(diagnoseCorpusDatabase(old).message).toContain('it must be rebuilt');
    expect(statSync(old).size).toBe(statSync(built.file).size);
  });
});

describe('block layout version', () => {
  it('refuses a database whose blocks interleave each text with its HTML (blocks-1) with "rebuild"', () => {
    expect(ANALYZER_ID).toContain('/blocks-2/');
    const old = `${built.file}.blocks-1.sqlite`;
    copyFileSync(built.file, old);
    const db = new Database(old);
    db.prepare('UPDATE search_index SET analyzer = ? WHERE id = 1').run(
      ANALYZER_ID.replace('/blocks-2/', '/blocks-1/'),
    );
    db.close();
    expect(() => openArchive(old)).toThrow(/blocks-1.*rebuild the corpus/);
  });
});

describe('BlockWriter and BlockReader', () => {
  /** Each piece stored as a document's text, with a small HTML of its own after it. */
  function writeBlocks(pieces: string[], blockBytes: number): { stored: Map<number, Buffer>; slices: BlockSlice[] } {
    const stored = new Map<number, Buffer>();
    const writer = new BlockWriter((id, data) => stored.set(id, data), blockBytes);
    const slices = pieces.map((piece, i) => writer.add(piece, `<p>${String(i)}</p>`).text);
    writer.flush();
    return { stored, slices };
  }

  it('keeps a document’s text and HTML together, even past the block size, texts before HTML', () => {
    const { stored, slices } = writeBlocks([], 100);
    expect(stored.size).toBe(0);
    expect(slices).toEqual([]);
    const kept = new Map<number, Buffer>();
    const writer = new BlockWriter((id, data) => kept.set(id, data), 180);
    const first = writer.add('a'.repeat(80), `<p>${'a'.repeat(80)}</p>`);
    const second = writer.add('ñandú', '<p>ñandú</p>');
    const third = writer.add('b', '<p>b</p>');
    writer.flush();
    expect([first.text.block, first.html.block, second.text.block, second.html.block, third.text.block]).toEqual([
      0, 0, 0, 0, 1,
    ]);
    // Offsets count from the start of each region: the texts, then the HTML after every text.
    expect(second.text).toEqual({ block: 0, offset: 80, length: Buffer.byteLength('ñandú') });
    expect(second.html).toEqual({ block: 0, offset: 87, length: Buffer.byteLength('<p>ñandú</p>') });
    expect(kept.size).toBe(2);
    const block = brotliDecompressSync(kept.get(0) ?? Buffer.alloc(0));
    const texts = `${'a'.repeat(80)}ñandú`;
    expect(block.readUInt32LE(0)).toBe(Buffer.byteLength(texts));
    expect(block.toString('utf8', 4)).toBe(`${texts}<p>${'a'.repeat(80)}</p><p>ñandú</p>`);
    const reader = new BlockReader((id) => kept.get(id) ?? null, 'prueba.sqlite');
    expect(reader.readHtml(second.html)).toBe('<p>ñandú</p>');
    expect(reader.readText(second.text)).toBe('ñandú');
    expect(reader.readHtml(third.html)).toBe('<p>b</p>');
  });

  it('packs documents until the block size, and reads one text by decompressing only its block', () => {
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
    expect(blocks.readText(last)).toBe(pieces[39]);
    expect(asked).toEqual([last.block]);
    // Its neighbour in the same block comes from the cache.
    const neighbour = slices.findIndex((slice) => slice.block === last.block);
    expect(blocks.readText(slices[neighbour] as BlockSlice)).toBe(pieces[neighbour]);
    expect(asked).toEqual([last.block]);
  });

  it('reads a text near the start of a block from part of it, and later texts all the same', () => {
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
    expect(blocks.readText(first)).toBe(pieces[0]);
    expect(blocks.readText(lastOfBlock)).toBe(pieces[slices.indexOf(lastOfBlock)]);
    // The first read stopped short of the block's end, so the last piece read it again.
    expect(decompressed).toEqual([first.block, first.block]);
    slices.forEach((slice, i) => expect(blocks.readText(slice)).toBe(pieces[i]));
  });

  it('reads the start of a long text, cut between two characters, and says whether it is whole', () => {
    const text = 'señal ñandú '.repeat(2000);
    const { stored, slices } = writeBlocks(['corto', text], BLOCK_BYTES);
    const slice = slices[1] as BlockSlice;
    const blocks = new BlockReader((id) => stored.get(id) ?? null, 'prueba.sqlite');
    // Byte 2 of 'señal' is the first byte of ñ (2 bytes): the cut falls before it.
    expect(blocks.readTextPrefix(slice, 3)).toEqual({ text: 'se', complete: false });
    expect(blocks.readTextPrefix(slice, 4)).toEqual({ text: 'señ', complete: false });
    expect(blocks.readTextPrefix(slice, slice.length)).toEqual({ text, complete: true });
    expect(blocks.readTextPrefix(slices[0] as BlockSlice, 100)).toEqual({ text: 'corto', complete: true });
  });

  it('names the file and asks for a rebuild when a block is missing or damaged', () => {
    const { stored, slices } = writeBlocks(['uno', 'dos'], 1024);
    const first = slices[0] as BlockSlice;
    expect(() => new BlockReader(() => null, 'a.sqlite').readText(first)).toThrow(
      'a.sqlite: document block 0 is missing; rebuild the corpus',
    );
    const damaged = Buffer.from(stored.get(0) ?? Buffer.alloc(0)).fill(0x55, 2);
    expect(() => new BlockReader(() => damaged, 'b.sqlite').readText(first)).toThrow(
      /b\.sqlite: document block 0 .*rebuild/,
    );
    const beyond = { ...first, length: 1000 };
    expect(() => new BlockReader((id) => stored.get(id) ?? null, 'c.sqlite').readText(beyond)).toThrow(
      'c.sqlite: document block 0 is shorter than a document stored in it; rebuild the corpus',
    );
  });
});
