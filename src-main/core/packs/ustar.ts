/**
 * Whether a block is a valid POSIX (ustar) tar header: the `ustar` magic at offset 257 and a
 * correct checksum. Zip files, random bytes and compressed tars all fail this. tar is imported
 * here, on the first pack read, not when the library opens: a server start never reads a pack.
 */
export async function isUstarHeader(block: Buffer): Promise<boolean> {
  if (block.length < 512) return false;
  if (block.toString('latin1', 257, 262) !== 'ustar') return false;
  const { Header } = await import('tar');
  try {
    const header = new Header(block);
    return header.cksumValid && !header.nullBlock;
  } catch {
    return false;
  }
}
