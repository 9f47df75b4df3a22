import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { LRUCache } from 'lru-cache';

/**
 * Documents' plain text and HTML, stored in brotli-compressed blocks of several documents
 * (as a ZIM file keeps HTML in compressed clusters).
 *
 * Why blocks: one document compresses poorly on its own (its words have not been seen yet);
 * tens of documents together share vocabulary and markup. Why not one stream for everything:
 * reading a document must decompress only its own block.
 *
 * Layout of a decompressed block (format `blocks-2`):
 *
 *     [u32 LE: bytes of the text region] [text region: the block's texts] [HTML region: their HTML]
 *
 * Texts first: a snippet needs a text and nothing after it, and brotli can only be read from
 * the start, so a text sits at half the text region on average (34 kB into a block at 10,000
 * generated documents) instead of half the whole block with the HTML interleaved (65 kB). The
 * HTML repeats its text's words, so brotli still codes it mostly as references back into the
 * text region (the window spans the whole block): on 10,000 generated documents the blocks are
 * 17.9 MB, against 18.2 MB with each text beside its HTML. A text's offset counts from the
 * start of the text region, an HTML's from the start of the HTML region: the writer hands out
 * both before it knows how long the block's texts will be.
 *
 * Brotli, not zstd: the Node of the tests and the CLI (20) has no zstd in `node:zlib`; brotli
 * is in every Node and Electron the app runs on, and decompresses a block in well under a
 * millisecond.
 */

/** Where one piece (a document's text or its HTML) sits: block id, byte offset in its region and length. */
export interface BlockSlice {
  block: number;
  offset: number;
  length: number;
}

/** A document's text and HTML slices, as the writer placed them. */
export interface DocumentSlices {
  text: BlockSlice;
  html: BlockSlice;
}

/**
 * Uncompressed bytes gathered before a block is compressed: big enough to compress well (1.1x
 * smaller at 256 KB, for twice the work per read), small enough to decompress in about a
 * millisecond.
 */
export const BLOCK_BYTES = 128 * 1024;
/** The header before the text region: its length in bytes, u32 little-endian. */
const HEADER_BYTES = 4;
/** Brotli quality 5: close to the ratio of 9 at several times its speed (the build compresses every document). */
const QUALITY = 5;
/**
 * A 256 KB window (2^18) instead of brotli's 4 MB default: a block is about BLOCK_BYTES, so no
 * reference reaches further, and the decoder sizes its ring buffer by the window: a read of
 * a block allocated 4 MB each time, which the search process's memory then kept.
 */
const WINDOW_BITS = 18;

/**
 * Gathers documents into blocks and hands each finished, compressed block to `store` with its
 * id (0, 1, 2…). A document's text and HTML always share a block.
 */
export class BlockWriter {
  private texts: Buffer[] = [];
  private htmls: Buffer[] = [];
  private textBytes = 0;
  private htmlBytes = 0;
  private blockCount = 0;

  constructor(
    private readonly store: (id: number, data: Buffer) => void,
    private readonly blockBytes = BLOCK_BYTES,
  ) {}

  /** Appends a document to the open block (closed once it is full); returns where a reader finds each part. */
  add(text: string, html: string): DocumentSlices {
    const textData = Buffer.from(text, 'utf8');
    const htmlData = Buffer.from(html, 'utf8');
    const slices: DocumentSlices = {
      text: { block: this.blockCount, offset: this.textBytes, length: textData.length },
      html: { block: this.blockCount, offset: this.htmlBytes, length: htmlData.length },
    };
    this.texts.push(textData);
    this.htmls.push(htmlData);
    this.textBytes += textData.length;
    this.htmlBytes += htmlData.length;
    if (this.textBytes + this.htmlBytes >= this.blockBytes) this.flush();
    return slices;
  }

  /** Compresses and stores the open block, if any. Call once after the last document. */
  flush(): void {
    if (this.texts.length === 0) return;
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(this.textBytes, 0);
    const block = Buffer.concat([header, ...this.texts, ...this.htmls], HEADER_BYTES + this.textBytes + this.htmlBytes);
    this.store(this.blockCount, compressBlock(block));
    this.blockCount += 1;
    this.texts = [];
    this.htmls = [];
    this.textBytes = 0;
    this.htmlBytes = 0;
  }
}

export function compressBlock(input: Buffer): Buffer {
  return brotliCompressSync(input, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: input.length,
      [constants.BROTLI_PARAM_LGWIN]: WINDOW_BITS,
    },
  });
}

/**
 * Decompressed blocks (or their starts) kept for the next reads: a reopened document and the
 * neighbours of a page's hits hit the cache. 2 MB: it was 8 MB of whole blocks, a large share of
 * a search process's memory, and snippets now keep the texts they read as strings
 * (corpus-reader.ts, getTextStart).
 */
const CACHE_BYTES = 2 * 1024 * 1024;
/**
 * Compressed bytes per decompressed byte in the text region, against the block's average: texts
 * are nearly all of a block's compressed bytes (their HTML is mostly references back to them)
 * but half its decompressed bytes. 1.91 at most on 10,000 generated documents (median 1.89).
 */
const TEXT_REGION_WEIGHT = 2;
/** Share of a block's compressed bytes read beyond the estimate (see decompressPrefix). */
const PREFIX_MARGIN = 0.08;

/**
 * Reads pieces back, decompressing each block once while it stays in a small LRU cache
 * (bounded in bytes, so memory does not grow with the archive).
 *
 * A text needs only the start of its block, up to its end. So a block not in the cache is
 * first decompressed from a prefix of its compressed bytes sized to that end (brotli with a
 * flush, not a finish, gives everything the prefix holds); only when that falls short is the
 * whole block decompressed. The cache keeps what was decompressed, and a later read past its
 * end decompresses the block again, whole.
 */
export class BlockReader {
  private readonly cache = new LRUCache<number, Buffer>({
    maxSize: CACHE_BYTES,
    sizeCalculation: (block) => Math.max(1, block.length),
  });
  /** Cached blocks that were decompressed whole: a read past their end is a damaged slice, not a short prefix. */
  private readonly complete = new WeakSet<Buffer>();

  constructor(
    private readonly readBlock: (id: number) => Buffer | null,
    private readonly file: string,
  ) {}

  /** A document's text; throws naming the file when its block is missing or damaged. */
  readText(slice: BlockSlice): string {
    return this.readTextPrefix(slice, slice.length).text;
  }

  /**
   * The first `maxBytes` bytes of a text at most, cut back to a whole UTF-8 character (a
   * snippet looks at the start of a text only, so a long text need not be decompressed whole),
   * and whether that is the whole text.
   */
  readTextPrefix(slice: BlockSlice, maxBytes: number): { text: string; complete: boolean } {
    const start = HEADER_BYTES + slice.offset;
    const complete = maxBytes >= slice.length;
    let end = start + (complete ? slice.length : Math.max(0, maxBytes));
    const block = this.block(slice.block, end);
    if (slice.offset < 0 || start + slice.length > HEADER_BYTES + this.textRegionBytes(block, slice.block)) {
      throw this.shorter(slice.block);
    }
    // Back off over UTF-8 continuation bytes (10xxxxxx) so the cut falls between two characters.
    if (!complete) while (end > start && ((block[end] ?? 0) & 0xc0) === 0x80) end -= 1;
    return { text: block.toString('utf8', start, end), complete };
  }

  /** A document's HTML: the whole block is needed (the HTML region comes after every text). */
  readHtml(slice: BlockSlice): string {
    const block = this.block(slice.block, Number.POSITIVE_INFINITY);
    const start = HEADER_BYTES + this.textRegionBytes(block, slice.block) + slice.offset;
    const end = start + slice.length;
    if (slice.offset < 0 || end > block.length) throw this.shorter(slice.block);
    return block.toString('utf8', start, end);
  }

  private textRegionBytes(block: Buffer, id: number): number {
    if (block.length < HEADER_BYTES) throw this.shorter(id);
    return block.readUInt32LE(0);
  }

  private shorter(id: number): Error {
    return new Error(`${this.file}: document block ${id} is shorter than a document stored in it; rebuild the corpus`);
  }

  /** The block decompressed at least up to byte `end` (the whole block when it is shorter). */
  private block(id: number, end: number): Buffer {
    const cached = this.cache.get(id);
    if (cached && (cached.length >= end || this.complete.has(cached))) return cached;
    const compressed = this.readBlock(id);
    if (!compressed) throw new Error(`${this.file}: document block ${id} is missing; rebuild the corpus`);
    let block: Buffer;
    try {
      const prefix = decompressPrefix(compressed, end);
      if (prefix) block = prefix;
      else {
        block = brotliDecompressSync(compressed);
        this.complete.add(block);
      }
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
 * once they pass BLOCK_BYTES, so `end / BLOCK_BYTES` is about the share of the block needed;
 * texts take more compressed bytes than their share (TEXT_REGION_WEIGHT), hence the weight and
 * the margin.
 */
function decompressPrefix(compressed: Buffer, end: number): Buffer | null {
  const share = (end / BLOCK_BYTES) * TEXT_REGION_WEIGHT + PREFIX_MARGIN;
  const inputBytes = Math.ceil(compressed.length * share) + 512;
  if (inputBytes >= compressed.length * 0.8) return null;
  const prefix = brotliDecompressSync(compressed.subarray(0, inputBytes), {
    finishFlush: constants.BROTLI_OPERATION_FLUSH,
  });
  return prefix.length >= end ? prefix : null;
}
