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
  // The hex of the digest's first 8 bytes, not a slice of the full hex: V8 keeps a slice of 13 or
  // more chars as a view into the 64-char string, and every id is held through the whole build.
  return createHash('sha256').update(source).digest().subarray(0, 8).toString('hex');
}

/** Words of plain text: runs of letters/digits, allowing inner apostrophes and hyphens (co-creación). */
export function countWords(text: string): number {
  if (SURROGATE.test(text)) return countWordsByRegex(text);
  // The regex's matches, counted in one scan of code units (every document is counted; the
  // regex was a few percent of rendering): a match starts at each letter or digit that neither
  // follows another nor follows an apostrophe or hyphen that itself follows one.
  const letterOrDigit = letterOrDigitTable();
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (letterOrDigit[text.charCodeAt(i)] !== 1) continue;
    const before = i > 0 ? text.charCodeAt(i - 1) : -1;
    if (before >= 0 && letterOrDigit[before] === 1) continue;
    if (isJoiner(before) && i > 1 && letterOrDigit[text.charCodeAt(i - 2)] === 1) continue;
    count += 1;
  }
  return count;
}

/** The definition `countWords` follows; it also takes texts with astral chars (letters outside the BMP). */
export function countWordsByRegex(text: string): number {
  let count = 0;
  const words = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
  while (words.exec(text) !== null) count += 1;
  return count;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** ' ’ - */
function isJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2d;
}

let letterOrDigitCodes: Uint8Array | null = null;

/** 1 for each BMP code unit that is a letter or a digit (\p{L}, \p{N}), built once per thread. */
function letterOrDigitTable(): Uint8Array {
  if (letterOrDigitCodes) return letterOrDigitCodes;
  const table = new Uint8Array(0x10000);
  const single = /^[\p{L}\p{N}]$/u;
  for (let code = 0; code < 0x10000; code += 1) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    if (single.test(String.fromCharCode(code))) table[code] = 1;
  }
  letterOrDigitCodes = table;
  return table;
}
