import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { LRUCache } from 'lru-cache';

/**
 * Documents' plain text and HTML, stored in brotli-compressed blocks of several documents
 * (as a ZIM file keeps HTML in compressed clusters).
 *
 * Why blocks: one document compresses poorly on its own (its words have not been seen yet);
 * tens of documents together share vocabulary and markup. Why not one stream for everything:
 * reading a document must decompress only its own block. A document's text and its HTML sit
 * side by side in the same block: the HTML repeats the text's words, so brotli codes it mostly
 * as references to the text just before (on 2,000 generated posts: 3.9 MB for both in 128 KB
 * blocks, against 6.9 MB with texts and HTML in blocks of their own).
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

/**
 * Uncompressed bytes gathered before a block is compressed: big enough to compress well (1.1x
 * smaller at 256 KB, for twice the work per read), small enough to decompress in about a
 * millisecond for one snippet.
 */
export const BLOCK_BYTES = 128 * 1024;
/** Brotli quality 5: close to the ratio of 9 at several times its speed (the build compresses every document). */
const QUALITY = 5;

/**
 * Gathers pieces into blocks and hands each finished, compressed block to `store` with its id
 * (0, 1, 2…). The pieces of one `add` (a document's text and HTML) always share a block.
 */
export class BlockWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private blockCount = 0;

  constructor(
    private readonly store: (id: number, data: Buffer) => void,
    private readonly blockBytes = BLOCK_BYTES,
  ) {}

  /** Appends pieces to the open block (closed once it is full); returns where a reader finds each. */
  add(pieces: readonly string[]): BlockSlice[] {
    const slices = pieces.map((piece) => {
      const bytes = Buffer.from(piece, 'utf8');
      const slice = { block: this.blockCount, offset: this.pendingBytes, length: bytes.length };
      this.pending.push(bytes);
      this.pendingBytes += bytes.length;
      return slice;
    });
    if (this.pendingBytes >= this.blockBytes) this.flush();
    return slices;
  }

  /** Compresses and stores the open block, if any. Call once after the last piece. */
  flush(): void {
    if (this.pending.length === 0) return;
    this.store(this.blockCount, compressBlock(Buffer.concat(this.pending, this.pendingBytes)));
    this.blockCount += 1;
    this.pending = [];
    this.pendingBytes = 0;
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
