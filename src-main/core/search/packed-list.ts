import { brotliCompressSync, brotliDecompressSync, constants, type BrotliOptions } from 'node:zlib';

/**
 * The stored form of the index's long lists (postings, phrase positions, word forms' documents):
 * one header byte, then the list's varint bytes as they are (`RAW`) or brotli-compressed (`BROTLI`).
 *
 * Why: varints spend whole bytes on numbers that are mostly small and repetitive (a common word's
 * document deltas are 1, 1, 2, 1…), so long lists still compress by a fifth to a half. Short
 * lists stay raw: the header is their only cost, and reading them decompresses nothing. Measured
 * on the bench's 10,000 posts (schema 5): lists of 512 bytes or more are 27 MB, 20 MB compressed
 * at quality 4 (higher qualities gave no smaller lists).
 *
 * Brotli because it is in every Node and Electron the app runs on (see store/document-blocks.ts).
 */

const RAW = 0;
const BROTLI = 1;
/** Lists shorter than this are stored raw: too short to gain, and read most often. */
export const PACK_FROM_BYTES = 512;
const QUALITY = 4;

/** The list's bytes with their header: compressed when long enough and smaller that way. */
export function packList(bytes: Uint8Array): Buffer {
  return framePackedList(
    bytes,
    bytes.length >= PACK_FROM_BYTES ? brotliCompressSync(bytes, packListBrotliOptions(bytes.length)) : null,
  );
}

/**
 * The brotli options of a list of `length` bytes: a writer that compresses elsewhere (another
 * thread, build/list-pack-pool.ts) compresses with these, so its lists are `packList`'s, byte for byte.
 */
export function packListBrotliOptions(length: number): BrotliOptions {
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: length,
    },
  };
}

/** The stored list from its bytes and their brotli compression (null: not compressed, too short). */
export function framePackedList(bytes: Uint8Array, compressed: Uint8Array | null): Buffer {
  if (compressed && compressed.length + 1 < bytes.length) return Buffer.concat([Buffer.of(BROTLI), compressed]);
  return Buffer.concat([Buffer.of(RAW), bytes]);
}

/** The list's varint bytes; throws, naming `what`, when the header is unknown or the data damaged. */
export function unpackList(blob: Uint8Array, what: string): Uint8Array {
  const header = blob[0];
  if (header === RAW) return blob.subarray(1);
  if (header === BROTLI) {
    try {
      return brotliDecompressSync(blob.subarray(1));
    } catch (error) {
      throw new Error(
        `the stored ${what} cannot be decompressed (${error instanceof Error ? error.message : String(error)}); rebuild the corpus`,
        { cause: error },
      );
    }
  }
  throw new Error(`the stored ${what} have an unknown encoding (${String(header)}); rebuild the corpus`);
}
