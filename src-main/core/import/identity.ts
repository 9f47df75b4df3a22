import { createHash } from 'node:crypto';

/** SHA-256 hex digest of bytes or a string (UTF-8). */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A document's id: the first 16 hex characters of SHA-256 of its source path.
 * Derived from the path, not the content, so edits keep annotations attached to the same id.
 */
export function documentIdFor(source: string): string {
  return sha256Hex(source).slice(0, 16);
}

/** Words of plain text: runs of letters/digits, allowing inner apostrophes and hyphens (co-creación). */
export function countWords(text: string): number {
  let count = 0;
  const words = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
  while (words.exec(text) !== null) count += 1;
  return count;
}
