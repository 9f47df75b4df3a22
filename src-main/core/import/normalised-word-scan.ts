/**
 * `normalisedWords(text)` of duplicates.ts (NFD, combining marks removed, lower case, runs of
 * letters and digits) as the duplicate finder consumes it, in one scan of the text's code units:
 * each word's FNV-1a hash and the words joined by single spaces, without a string per word.
 *
 * Why: the fingerprint ran that chain of whole-text regex passes and allocated every word of
 * every document (7 million at 10,000 documents), almost half a millisecond a document and as
 * much as the document's whole search analysis. Each code unit is mapped once per thread instead
 * (a table filled as chars are met) to what those passes turn it into on its own.
 *
 * Why a char's own mapping gives the whole text's: NFD decomposes char by char and then only
 * reorders combining marks (characters of a non-zero combining class, all of them marks), which
 * are removed anyway; removing marks is per char; lower-casing is per char except Greek capital
 * sigma (final or not depends on its neighbours); the word pattern looks at one char at a time.
 * So a text holding a capital sigma, a surrogate (astral chars: the regex reads code points),
 * or a char whose mapping holds one, is left to the regex chain: `scanNormalisedWords` gives null.
 */

/** Per BMP code unit: 0 not yet known, 1 unsupported (see above), else index + 2 in `mappings`. */
const MAPPED = new Int32Array(0x10000);
/** What a code unit turns into: its code units, and for each whether it is a letter or digit. */
const mappings: Array<{ units: Uint16Array; wordUnit: Uint8Array }> = [];
const UNSUPPORTED = 1;
/**
 * Per BMP code unit that maps to exactly one code unit: SINGLE_BASE + that unit × 2 + 1 when it
 * is a letter or digit (else + 0); below SINGLE_BASE, ask `mappingIndex`.
 */
const SINGLE = new Int32Array(0x10000);
const SINGLE_BASE = 2;
const CAPITAL_SIGMA = 0x3a3;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const MARKS = /\p{M}+/gu;

function mappingIndex(code: number): number {
  const known = MAPPED[code] ?? 0;
  if (known !== 0) return known;
  let value = UNSUPPORTED;
  if (code !== CAPITAL_SIGMA && (code < 0xd800 || code > 0xdfff)) {
    const mapped = String.fromCharCode(code).normalize('NFD').replace(MARKS, '').toLowerCase();
    const units = Uint16Array.from(mapped, (char) => char.charCodeAt(0));
    if (mapped.length === units.length && !units.some((unit) => unit >= 0xd800 && unit <= 0xdfff)) {
      const wordUnit = Uint8Array.from(mapped, (char) => (LETTER_OR_DIGIT.test(char) ? 1 : 0));
      mappings.push({ units, wordUnit });
      value = mappings.length + 1;
      if (units.length === 1) SINGLE[code] = SINGLE_BASE + (units[0] ?? 0) * 2 + (wordUnit[0] ?? 0);
    }
  }
  MAPPED[code] = value;
  return value;
}

export interface NormalisedWordScan {
  /** Number of words. */
  count: number;
  /** FNV-1a of each of the first `hashLimit` words (as duplicates.ts `wordHash` gives them). */
  hashes: Uint32Array;
  /** The words joined by single spaces (`normalisedWords(text).join(' ')`). */
  joined: string;
}

/** The scan described above; null when the text needs the regex chain. */
export function scanNormalisedWords(text: string, hashLimit: number): NormalisedWordScan | null {
  let hashes = new Uint32Array(Math.min(hashLimit, 1024));
  let joinedUnits: Uint16Array = new Uint16Array(Math.max(16, text.length));
  let joinedLength = 0;
  let count = 0;
  let inWord = false;
  let hash = 0;
  const endWord = (): void => {
    if (count < hashLimit) {
      if (count === hashes.length) {
        const grown = new Uint32Array(Math.min(hashLimit, hashes.length * 2));
        grown.set(hashes);
        hashes = grown;
      }
      hashes[count] = hash >>> 0;
    }
    count += 1;
    inWord = false;
  };
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const single = SINGLE[code] ?? 0;
    // The common case: a char that stays one code unit, told by one table lookup.
    if (single >= SINGLE_BASE) {
      const value = (single - SINGLE_BASE) >> 1;
      if ((single & 1) === 0) {
        if (inWord) endWord();
        continue;
      }
      if (!inWord) {
        inWord = true;
        hash = 0x811c9dc5;
        if (count > 0) joinedUnits = appendUnit(joinedUnits, joinedLength++, 32);
      }
      hash = Math.imul(hash ^ value, 0x01000193);
      joinedUnits = appendUnit(joinedUnits, joinedLength++, value);
      continue;
    }
    const found = mappingIndex(code);
    if (found === UNSUPPORTED) return null;
    const mapping = mappings[found - 2];
    if (!mapping) return null;
    const { units, wordUnit } = mapping;
    for (let unit = 0; unit < units.length; unit += 1) {
      if (wordUnit[unit] !== 1) {
        if (inWord) endWord();
        continue;
      }
      const value = units[unit] ?? 0;
      if (!inWord) {
        inWord = true;
        hash = 0x811c9dc5;
        // A word after the first is preceded by one space in the joined text.
        if (count > 0) joinedUnits = appendUnit(joinedUnits, joinedLength++, 32);
      }
      hash = Math.imul(hash ^ value, 0x01000193);
      joinedUnits = appendUnit(joinedUnits, joinedLength++, value);
    }
  }
  if (inWord) endWord();
  return {
    count,
    hashes: hashes.subarray(0, Math.min(count, hashLimit)),
    joined: Buffer.from(joinedUnits.buffer, joinedUnits.byteOffset, joinedLength * 2).toString('utf16le'),
  };
}

/** Sets `units[at]`, growing the array first when it is full; returns the array now in use. */
function appendUnit(units: Uint16Array, at: number, value: number): Uint16Array {
  let target = units;
  if (at >= target.length) {
    target = new Uint16Array(target.length * 2);
    target.set(units);
  }
  target[at] = value;
  return target;
}
