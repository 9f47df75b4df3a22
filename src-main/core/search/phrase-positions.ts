/**
 * Word positions for phrase queries, built from each document's folded text (foldForMatching).
 *
 * Why: a quoted phrase was checked by scanning every document's folded text in SQL (`instr`
 * over 48 MB at 10,000 documents: 150-400 ms per phrase). Here every word form of the folded
 * texts (stop words included: phrases hold them) has a list of (document, positions), and a
 * phrase of words separated by single spaces is found by checking that its words sit at
 * consecutive positions: work proportional to the phrase words' occurrences, not to the corpus.
 *
 * Same answers as `containsPhrase` on the folded text: a word is a maximal run of code units
 * that `isWordChar` accepts (letters, marks, digits of the Basic Multilingual Plane; an astral
 * char is two code units that are not word chars there), and two words are adjacent only when
 * exactly one space separates them. Any other separator (punctuation, an astral char) leaves a
 * gap of one position, so a phrase never spans it. Phrases holding anything but words and
 * single spaces are not answered here (`phraseWords` gives null) and keep the text scan.
 *
 * Stored per word form as unsigned LEB128 varints (search/varint.ts): per document holding the
 * word, `docDelta` (from the previous such document; the first from 0), then each position as
 * `posDelta × 2 + last` (the delta from the previous position, the first from 0; `last` = 1 on
 * the document's last position). Documents and positions ascend. The flag bit replaces a count
 * per document: most (word, document) pairs hold one position, and a count byte was a fifth of
 * the table (schema 5). Long lists are then brotli-compressed (search/packed-list.ts). Reading
 * decodes into the in-memory layout below in one pass.
 *
 * In memory (what `documentsWithWords` walks): groups of `docDelta, count, posDelta × count`.
 */

import { unpackList } from './packed-list';

const SURROGATE = /[\uD800-\uDFFF]/;
const BMP_WORD_RUN = /^[\p{L}\p{M}\p{N}]+$/u;

/** The words of a folded phrase when it is words separated by single spaces, else null. */
export function phraseWords(foldedPhrase: string): string[] | null {
  if (foldedPhrase === '') return null;
  const words = foldedPhrase.split(' ');
  return words.every((word) => BMP_WORD_RUN.test(word) && !SURROGATE.test(word)) ? words : null;
}

/**
 * Calls `visit(word, position)` for every word of a folded text, positions as described above.
 *
 * A scan over code units with a table of which are word chars, rather than a Unicode regex over
 * the text: it gives the same words (a BMP letter, mark or digit is one code unit; a surrogate is
 * never a word char, so astral chars split words exactly as described) at a third of the cost,
 * and it runs on every document of a build.
 */
export function forEachWordPosition(folded: string, visit: (word: string, position: number) => void): void {
  const wordChar = wordCharTable();
  const length = folded.length;
  let position = -1;
  let previousEnd = -1;
  let i = 0;
  while (i < length) {
    while (i < length && wordChar[folded.charCodeAt(i)] === 0) i += 1;
    if (i === length) break;
    const start = i;
    while (i < length && wordChar[folded.charCodeAt(i)] === 1) i += 1;
    const adjacent = previousEnd >= 0 && start === previousEnd + 1 && folded.charCodeAt(previousEnd) === 32;
    position += adjacent || previousEnd < 0 ? 1 : 2;
    visit(folded.slice(start, i), position);
    previousEnd = i;
  }
}

let wordChars: Uint8Array | null = null;

/** 1 for each UTF-16 code unit that is a letter, mark or digit on its own (never a surrogate). Built once per thread. */
export function wordCharTable(): Uint8Array {
  if (wordChars) return wordChars;
  const table = new Uint8Array(0x10000);
  const single = /^[\p{L}\p{M}\p{N}]$/u;
  for (let code = 0; code < 0x10000; code += 1) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    if (single.test(String.fromCharCode(code))) table[code] = 1;
  }
  wordChars = table;
  return table;
}

/** Word forms of a folded text with their positions (phrase-positions.ts), as compact arrays. */
export interface WordPositions {
  /** Distinct word forms, in order of first occurrence. */
  words: string[];
  /** Positions of `words[i]` are `positions[starts[i] .. starts[i + 1])`, ascending. */
  starts: Int32Array;
  positions: Int32Array;
}

/** The word forms of a folded text and their positions, grouped by word. */
export function wordPositionsOf(folded: string): WordPositions {
  // Occurrences first (word number, position), then grouped by word with a counting sort: no
  // small array per distinct word (a document has hundreds; a build, millions).
  const numbers = new Map<string, number>();
  const words: string[] = [];
  const occurrenceWord: number[] = [];
  const occurrencePosition: number[] = [];
  forEachWordPosition(folded, (word, position) => {
    let number = numbers.get(word);
    if (number === undefined) {
      number = words.length;
      numbers.set(word, number);
      words.push(word);
    }
    occurrenceWord.push(number);
    occurrencePosition.push(position);
  });
  return groupedPositions(words, occurrenceWord, occurrencePosition);
}

/**
 * Word positions grouped by word: `occurrenceWord[k]` (a number into `words`) occurs at
 * `occurrencePosition[k]`, occurrences in text order.
 */
export function groupedPositions(
  words: string[],
  occurrenceWord: readonly number[],
  occurrencePosition: readonly number[],
): WordPositions {
  const starts = new Int32Array(words.length + 1);
  for (const number of occurrenceWord) starts[number + 1] = (starts[number + 1] ?? 0) + 1;
  for (let i = 0; i < words.length; i += 1) starts[i + 1] = (starts[i + 1] ?? 0) + (starts[i] ?? 0);
  const cursor = starts.slice(0, words.length);
  const positions = new Int32Array(occurrenceWord.length);
  for (let k = 0; k < occurrenceWord.length; k += 1) {
    const number = occurrenceWord[k] ?? 0;
    positions[cursor[number] ?? 0] = occurrencePosition[k] ?? 0;
    cursor[number] = (cursor[number] ?? 0) + 1;
  }
  return { words, starts, positions };
}

/** Position deltas are stored doubled (flag bit): they must stay below 2^30 to fit 32 bits. */
export const MAX_POSITION_DELTA = 2 ** 30;

/**
 * A stored list (see the top of this file) in the in-memory layout `docDelta, count, posDelta × count`.
 * One pass: each document's count is written into the slot kept before its positions once its
 * flagged last position is read. A list cut short or a number over 32 bits asks for a rebuild.
 */
export function decodePositionList(blob: Uint8Array): Int32Array {
  let numbers = 0;
  for (let i = 0; i < blob.length; i += 1) if ((blob[i] ?? 0) < 0x80) numbers += 1;
  // A document group is a docDelta and at least one position, plus its count slot in memory:
  // at most numbers / 2 groups, so this is room enough.
  const out = new Int32Array(numbers + (numbers >>> 1));
  let n = 0;
  let at = 0;
  let countSlot = -1;
  let count = 0;
  while (at < blob.length) {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      if (at >= blob.length || shift > 28) throw inconsistent();
      byte = blob[at++] ?? 0;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte >= 0x80);
    value >>>= 0;
    if (countSlot < 0) {
      // A document delta, then room for its count.
      if (n + 2 > out.length) throw inconsistent();
      out[n++] = value;
      countSlot = n++;
      count = 0;
    } else {
      if (n >= out.length) throw inconsistent();
      out[n++] = value >>> 1;
      count += 1;
      if ((value & 1) === 1) {
        out[countSlot] = count;
        countSlot = -1;
      }
    }
  }
  if (countSlot >= 0) throw inconsistent();
  return n === out.length ? out : out.subarray(0, n);
}

function inconsistent(): Error {
  return new Error('the stored phrase positions are inconsistent; rebuild the corpus');
}

/** Where documentsWithWords gets its lists; sizes first, so long lists are read only when worth it. */
export interface PositionLists {
  /** Byte length of a word's stored list, or null when no document holds the word. */
  size(word: string): number | null;
  read(word: string): Buffer | null;
  /** Checks one candidate document against the whole phrase in its text (for the last few). */
  verify(doc: number): boolean;
}

/**
 * Past this many candidates a long list is scanned; below it, the candidates' texts are checked.
 * Checking a text means decompressing its block and folding it (store/document-blocks.ts), while
 * a varint list decodes at hundreds of MB/s: only a handful of candidates are worth checking.
 */
const FEW_CANDIDATES = 20;
const LONG_LIST_BYTES = 128 * 1024;

/**
 * Documents (positions in id order) where the words occur one after the other.
 *
 * Two passes, so that positions are decoded only where they can matter:
 * 1. Documents. Words are taken from the shortest list up; the first gives the candidate
 *    documents, and each next list is walked once in step with them, reading only its document
 *    numbers: a document's positions are skipped by their `last` flag (the low bit of each
 *    position's first byte) without being decoded. What is kept per (candidate, word) is the byte
 *    offset of the document's positions in that word's list. Once few candidates are left, a long
 *    list (`de` holds ~450,000 positions at 10,000 documents) is not read at all: the few
 *    candidates' texts are checked at the end instead.
 * 2. Positions, for the documents holding every word read: the rarest word's positions give the
 *    phrase starts, and each other word's positions (decoded from its offset) are merged with
 *    them, stopping at the first word that confirms none.
 * The words' unpacked lists are all that is allocated besides arrays of the candidates' size.
 */
export function documentsWithWords(words: readonly string[], lists: PositionLists): number[] {
  const sizes: number[] = [];
  for (const word of words) {
    const size = lists.size(word);
    if (size === null) return [];
    sizes.push(size);
  }
  const order = words.map((_, i) => i).sort((a, b) => (sizes[a] ?? 0) - (sizes[b] ?? 0));
  let candidates: DocumentOffsets | null = null;
  /** Per word read, in reading order: its unpacked list and its offset in the phrase. */
  const read: Array<{ bytes: Uint8Array; offset: number }> = [];
  let scannedAll = true;
  for (const offset of order) {
    if (candidates !== null && candidates.count === 0) return [];
    if (candidates !== null && candidates.count <= FEW_CANDIDATES && (sizes[offset] ?? 0) > LONG_LIST_BYTES) {
      scannedAll = false;
      break;
    }
    const blob = lists.read(words[offset] ?? '');
    if (!blob) return [];
    const bytes = unpackList(blob, 'phrase positions');
    candidates = candidates === null ? allDocuments(bytes) : keepDocumentsIn(candidates, bytes);
    read.push({ bytes, offset });
  }
  if (candidates === null) return [];
  const docs = adjacentIn(candidates, read);
  return scannedAll ? docs : docs.filter((doc) => lists.verify(doc));
}

/**
 * Candidate documents, ascending, and for each the byte offset of its positions in each list read
 * so far: `offsets[word × capacity + i]` for candidate `i` (one column per word, in reading order).
 */
interface DocumentOffsets {
  count: number;
  docs: Int32Array;
  offsets: Int32Array[];
}

/** Reads one unsigned varint at `at`; returns the position after it, the value in `out[0]`. */
function readVarint(bytes: Uint8Array, at: number, out: Int32Array): number {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    if (at >= bytes.length || shift > 28) throw inconsistent();
    byte = bytes[at++] ?? 0;
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte >= 0x80);
  out[0] = value >>> 0;
  return at;
}

/** Skips one document's positions (up to the position flagged `last`) without decoding them. */
function skipPositions(bytes: Uint8Array, at: number): number {
  for (;;) {
    if (at >= bytes.length) throw inconsistent();
    let byte = bytes[at++] ?? 0;
    // The flag is the value's low bit, i.e. the low bit of its first byte.
    const last = byte & 1;
    while (byte >= 0x80) {
      if (at >= bytes.length) throw inconsistent();
      byte = bytes[at++] ?? 0;
    }
    if (last === 1) return at;
  }
}

const scratchValue = new Int32Array(1);

/** Every document of the first (shortest) list, with the offset of its positions. */
function allDocuments(bytes: Uint8Array): DocumentOffsets {
  // Each document takes at least two bytes (its delta and one position).
  const capacity = bytes.length >>> 1;
  const docs = new Int32Array(capacity);
  const offsets = new Int32Array(capacity);
  let count = 0;
  let doc = 0;
  for (let at = 0; at < bytes.length;) {
    at = readVarint(bytes, at, scratchValue);
    doc += scratchValue[0] ?? 0;
    docs[count] = doc;
    offsets[count] = at;
    count += 1;
    at = skipPositions(bytes, at);
  }
  return { count, docs: docs.subarray(0, count), offsets: [offsets] };
}

/** The candidates that a further list also holds, with that list's offsets as a new column. */
function keepDocumentsIn(candidates: DocumentOffsets, bytes: Uint8Array): DocumentOffsets {
  const { count, docs } = candidates;
  const keptDocs = new Int32Array(count);
  const keptOffsets = candidates.offsets.map(() => new Int32Array(count));
  const column = new Int32Array(count);
  let kept = 0;
  let i = 0;
  let doc = 0;
  for (let at = 0; at < bytes.length && i < count;) {
    at = readVarint(bytes, at, scratchValue);
    doc += scratchValue[0] ?? 0;
    while (i < count && (docs[i] ?? 0) < doc) i += 1;
    if (i < count && docs[i] === doc) {
      keptDocs[kept] = doc;
      candidates.offsets.forEach((offsets, w) => {
        const into = keptOffsets[w];
        if (into) into[kept] = offsets[i] ?? 0;
      });
      column[kept] = at;
      kept += 1;
      i += 1;
    }
    at = skipPositions(bytes, at);
  }
  return { count: kept, docs: keptDocs, offsets: [...keptOffsets, column] };
}

/** Decodes one document's positions (absolute) from `at` into `into`; returns how many. */
function decodePositions(bytes: Uint8Array, at: number, into: { array: Int32Array }): number {
  let count = 0;
  let position = 0;
  for (;;) {
    at = readVarint(bytes, at, scratchValue);
    const value = scratchValue[0] ?? 0;
    position += value >>> 1;
    if (count === into.array.length) {
      const grown = new Int32Array(into.array.length * 2);
      grown.set(into.array);
      into.array = grown;
    }
    into.array[count++] = position;
    if ((value & 1) === 1) return count;
  }
}

const startsScratch = { array: new Int32Array(256) };
const wordScratch = { array: new Int32Array(256) };

/** The candidates where the words read sit at consecutive positions (by their offsets in the phrase). */
function adjacentIn(candidates: DocumentOffsets, read: ReadonlyArray<{ bytes: Uint8Array; offset: number }>): number[] {
  const [rarest, ...others] = read;
  if (!rarest) return [];
  const out: number[] = [];
  for (let i = 0; i < candidates.count; i += 1) {
    // Phrase starts implied by the rarest word's positions, then narrowed by each other word.
    let startCount = decodePositions(rarest.bytes, candidates.offsets[0]?.[i] ?? 0, startsScratch);
    let starts = startsScratch.array;
    let write = 0;
    for (let k = 0; k < startCount; k += 1) {
      const start = (starts[k] ?? 0) - rarest.offset;
      if (start >= 0) starts[write++] = start;
    }
    startCount = write;
    for (let w = 0; w < others.length && startCount > 0; w += 1) {
      const word = others[w];
      if (!word) break;
      const count = decodePositions(word.bytes, candidates.offsets[w + 1]?.[i] ?? 0, wordScratch);
      const positions = wordScratch.array;
      starts = startsScratch.array;
      // Both ascending: keep the starts whose word sits at start + its offset.
      write = 0;
      let k = 0;
      for (let s = 0; s < startCount; s += 1) {
        const start = starts[s] ?? 0;
        const wanted = start + word.offset;
        while (k < count && (positions[k] ?? 0) < wanted) k += 1;
        if (k < count && positions[k] === wanted) starts[write++] = start;
      }
      startCount = write;
    }
    if (startCount > 0) out.push(candidates.docs[i] ?? 0);
  }
  return out;
}
