import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { LRUCache } from 'lru-cache';

/**
 * Documents' plain text and HTML, stored in brotli-compressed blocks of several documents
 * (as a ZIM file keeps HTML in compressed clusters).
 *
 * Why blocks: one document compresses poorly on its own (its words have not been seen yet);
 * tens of documents together share vocabulary and markup, so a block compresses three to
 * five times. Why not one stream for everything: reading a document must decompress only
 * its own block. Texts and HTML go into separate blocks: a page of search results snippets
 * texts only, and should not pay for decompressing their HTML.
 *
 * Brotli, not zstd: the Node of the tests and the CLI (20) has no zstd in `node:zlib`; brotli
 * is in every Node and Electron the app runs on, and decompresses a block in well under a
 * millisecond.
 */

/** Where one piece (a document's text or its HTML) sits: block id, byte offset and length in the decompressed block. */
export interface BlockSlice {
  block: number;
  offset: number;
  length: number;
}

/** Uncompressed bytes gathered before a block is compressed: big enough to compress well, small to read. */
export const TEXT_BLOCK_BYTES = 64 * 1024;
export const HTML_BLOCK_BYTES = 128 * 1024;
/** Brotli quality 5: close to the ratio of 9 at several times its speed (the build compresses every document). */
const QUALITY = 5;

/**
 * Gathers pieces of one kind into blocks and hands each finished, compressed block to `store`.
 * Block ids come from `nextId`, shared by the text and HTML writers of one database.
 */
export class BlockWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private currentId: number | null = null;

  constructor(
    private readonly blockBytes: number,
    private readonly nextId: () => number,
    private readonly store: (id: number, data: Buffer) => void,
  ) {}

  /** Appends one piece; returns where a reader finds it. */
  add(piece: string): BlockSlice {
    const bytes = Buffer.from(piece, 'utf8');
    this.currentId ??= this.nextId();
    const slice = { block: this.currentId, offset: this.pendingBytes, length: bytes.length };
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= this.blockBytes) this.flush();
    return slice;
  }

  /** Compresses and stores the open block, if any. Call once after the last piece. */
  flush(): void {
    if (this.currentId === null) return;
    this.store(this.currentId, compressBlock(Buffer.concat(this.pending, this.pendingBytes)));
    this.pending = [];
    this.pendingBytes = 0;
    this.currentId = null;
  }
}

export function compressBlock(input: Buffer): Buffer {
  return brotliCompressSync(input, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: input.length,
    },
  });
}

/** Decompressed blocks kept for the next reads: a result page and a reopened document hit the cache. */
const CACHE_BYTES = 8 * 1024 * 1024;

/**
 * Reads pieces back, decompressing each block once while it stays in a small LRU cache
 * (bounded in bytes, so memory does not grow with the archive).
 */
export class BlockReader {
  private readonly cache = new LRUCache<number, Buffer>({
    maxSize: CACHE_BYTES,
    sizeCalculation: (block) => Math.max(1, block.length),
  });

  constructor(
    private readonly readBlock: (id: number) => Buffer | null,
    private readonly file: string,
  ) {}

  /** The piece as text; throws naming the file when its block is missing or damaged. */
  read(slice: BlockSlice): string {
    const block = this.block(slice.block);
    const end = slice.offset + slice.length;
    if (slice.offset < 0 || end > block.length) {
      throw new Error(
        `${this.file}: document block ${slice.block} is shorter than a document stored in it; rebuild the corpus`,
      );
    }
    return block.toString('utf8', slice.offset, end);
  }

  private block(id: number): Buffer {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const compressed = this.readBlock(id);
    if (!compressed) throw new Error(`${this.file}: document block ${id} is missing; rebuild the corpus`);
    let block: Buffer;
    try {
      block = brotliDecompressSync(compressed);
    } catch (error) {
      throw new Error(
        `${this.file}: document block ${id} cannot be decompressed (${error instanceof Error ? error.message : String(error)}); rebuild the corpus`,
        { cause: error },
      );
    }
    this.cache.set(id, block);
    return block;
  }
}
