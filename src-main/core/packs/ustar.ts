import { Header } from 'tar';

/**
 * Whether a block is a valid POSIX (ustar) tar header: the `ustar` magic at offset 257 and a
 * correct checksum. Zip files, random bytes and compressed tars all fail this.
 */
export function isUstarHeader(block: Buffer): boolean {
  if (block.length < 512) return false;
  if (block.toString('latin1', 257, 262) !== 'ustar') return false;
  try {
    const header = new Header(block);
    return header.cksumValid && !header.nullBlock;
  } catch {
    return false;
  }
}
