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

  /** `add` for exactly two pieces (a document's text and HTML), with both slices typed as present. */
  addPair(first: string, second: string): [BlockSlice, BlockSlice] {
    const [a, b] = this.add([first, second]);
    if (!a || !b) throw new Error('BlockWriter.add returned fewer slices than pieces');
    return [a, b];
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
/** Share of a block's compressed bytes read beyond the estimate (see decompressPrefix). */
const PREFIX_MARGIN = 0.15;

/**
 * Reads pieces back, decompressing each block once while it stays in a small LRU cache
 * (bounded in bytes, so memory does not grow with the archive).
 *
 * A piece near the start of its block needs only the start of the block: snippets (20 texts
 * from 20 blocks per results page) were most of a search's time decompressing whole blocks.
 * So a block not in the cache is first decompressed from a prefix of its compressed bytes
 * sized to the piece's end (brotli with a flush, not a finish, gives everything the prefix
 * holds); only when that falls short is the whole block decompressed. The cache keeps what was
 * decompressed, and a later read past its end decompresses the block again, whole.
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
    const end = slice.offset + slice.length;
    const block = this.block(slice.block, end);
    if (slice.offset < 0 || end > block.length) {
      throw new Error(
        `${this.file}: document block ${slice.block} is shorter than a document stored in it; rebuild the corpus`,
      );
    }
    return block.toString('utf8', slice.offset, end);
  }

  /** The block decompressed at least up to byte `end` (the whole block when it is shorter). */
  private block(id: number, end: number): Buffer {
    const cached = this.cache.get(id);
    if (cached && cached.length >= end) return cached;
    const compressed = this.readBlock(id);
    if (!compressed) throw new Error(`${this.file}: document block ${id} is missing; rebuild the corpus`);
    let block: Buffer;
    try {
      block = decompressPrefix(compressed, end) ?? brotliDecompressSync(compressed);
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

/**
 * The first `end` bytes (or more) of a block, decompressed from a prefix of its compressed bytes,
 * or null when the prefix would be most of the block anyway or fell short. Blocks are written
 * once they pass BLOCK_BYTES, so `end / BLOCK_BYTES` is about the share of the block needed; texts
 * compress worse than the HTML after them (mostly references to the text), so the share of the
 * compressed bytes is larger: by up to 0.14 of the block on 10,000 generated documents (median
 * 0.04), hence the margin.
 */
function decompressPrefix(compressed: Buffer, end: number): Buffer | null {
  const share = end / BLOCK_BYTES + PREFIX_MARGIN;
  const inputBytes = Math.ceil(compressed.length * share) + 512;
  if (inputBytes >= compressed.length * 0.8) return null;
  const prefix = brotliDecompressSync(compressed.subarray(0, inputBytes), {
    finishFlush: constants.BROTLI_OPERATION_FLUSH,
  });
  return prefix.length >= end ? prefix : null;
}
