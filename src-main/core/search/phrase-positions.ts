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
 * Stored per word form, little-endian Int32: groups of `docDelta, count, posDelta × count`,
 * documents ascending (position in id order), positions ascending; deltas from 0 at each start.
 */

const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;
const SURROGATE = /[\uD800-\uDFFF]/;
const BMP_WORD_RUN = /^[\p{L}\p{M}\p{N}]+$/u;

/** The words of a folded phrase when it is words separated by single spaces, else null. */
export function phraseWords(foldedPhrase: string): string[] | null {
  if (foldedPhrase === '') return null;
  const words = foldedPhrase.split(' ');
  return words.every((word) => BMP_WORD_RUN.test(word) && !SURROGATE.test(word)) ? words : null;
}

/** Calls `visit(word, position)` for every word of a folded text, positions as described above. */
export function forEachWordPosition(folded: string, visit: (word: string, position: number) => void): void {
  let position = -1;
  let previousEnd = -1;
  for (const match of folded.matchAll(WORD_RUN)) {
    const parts = SURROGATE.test(match[0]) ? splitOnAstral(match[0], match.index) : [[match[0], match.index] as const];
    for (const [word, start] of parts) {
      const adjacent = previousEnd >= 0 && start === previousEnd + 1 && folded.charCodeAt(previousEnd) === 32;
      position += adjacent || previousEnd < 0 ? 1 : 2;
      visit(word, position);
      previousEnd = start + word.length;
    }
  }
}

/** A run of word chars with astral ones in it: the BMP pieces between them. */
function splitOnAstral(run: string, offset: number): Array<readonly [string, number]> {
  const out: Array<readonly [string, number]> = [];
  let start = 0;
  for (let i = 0; i <= run.length; i += 1) {
    const code = i < run.length ? run.charCodeAt(i) : -1;
    if (code === -1 || (code >= 0xd800 && code <= 0xdfff)) {
      if (i > start) out.push([run.slice(start, i), offset + start]);
      start = i + 1;
    }
  }
  return out;
}

interface Accumulator {
  data: number[];
  lastDoc: number;
  countAt: number;
  lastPosition: number;
}

/** Collects the position lists of many documents, added in ascending document order. */
export class PhrasePositionsBuilder {
  private readonly words = new Map<string, Accumulator>();

  add(doc: number, folded: string): void {
    forEachWordPosition(folded, (word, position) => {
      let acc = this.words.get(word);
      if (!acc) {
        acc = { data: [], lastDoc: -1, countAt: -1, lastPosition: 0 };
        this.words.set(word, acc);
      }
      if (acc.lastDoc !== doc) {
        if (doc < acc.lastDoc) throw new Error('phrase positions must be added in document order');
        acc.data.push(doc - Math.max(acc.lastDoc, 0), 0);
        acc.countAt = acc.data.length - 1;
        acc.lastDoc = doc;
        acc.lastPosition = 0;
      }
      acc.data.push(position - acc.lastPosition);
      acc.lastPosition = position;
      acc.data[acc.countAt] = (acc.data[acc.countAt] as number) + 1;
    });
  }

  /** Word forms in sorted order with their encoded lists. */
  *entries(): Generator<[string, Buffer]> {
    for (const word of [...this.words.keys()].sort()) {
      const array = Int32Array.from((this.words.get(word) as Accumulator).data);
      yield [word, Buffer.from(array.buffer, array.byteOffset, array.byteLength)];
    }
  }
}

/** One word's list decoded: per document, where its positions are in `positions`. */
interface WordPositions {
  /** doc -> [start, end) in positions */
  ranges: Map<number, readonly [number, number]>;
  positions: Int32Array;
}

function decodeWord(blob: Buffer): WordPositions {
  if (blob.byteLength % 4 !== 0) throw new Error('the stored phrase positions are truncated; rebuild the corpus');
  const data = new Int32Array(blob.byteLength / 4);
  new Uint8Array(data.buffer).set(blob);
  const ranges = new Map<number, readonly [number, number]>();
  const positions = new Int32Array(data.length);
  let filled = 0;
  let doc = 0;
  for (let at = 0; at < data.length; ) {
    doc += data[at] as number;
    const count = data[at + 1] as number;
    at += 2;
    if (count <= 0 || at + count > data.length) throw new Error('the stored phrase positions are inconsistent; rebuild the corpus');
    const start = filled;
    let position = 0;
    for (let k = 0; k < count; k += 1) {
      position += data[at + k] as number;
      positions[filled++] = position;
    }
    ranges.set(doc, [start, filled]);
    at += count;
  }
  return { ranges, positions };
}

/**
 * Documents (positions in id order) where the words occur one after the other.
 * `read` gives a word's stored list, or null when no document holds it.
 */
export function documentsWithWords(words: readonly string[], read: (word: string) => Buffer | null): number[] {
  const lists: WordPositions[] = [];
  for (const word of words) {
    const blob = read(word);
    if (!blob) return [];
    lists.push(decodeWord(blob));
  }
  // Drive by the word in the fewest documents; check the others at their offsets from it.
  let driver = 0;
  lists.forEach((list, i) => {
    if (list.ranges.size < (lists[driver] as WordPositions).ranges.size) driver = i;
  });
  const lead = lists[driver] as WordPositions;
  const found: number[] = [];
  for (const [doc, [start, end]] of lead.ranges) {
    const others = lists.map((list) => list.ranges.get(doc));
    if (others.some((range) => range === undefined)) continue;
    for (let k = start; k < end; k += 1) {
      const first = (lead.positions[k] as number) - driver;
      if (first < 0) continue;
      const all = lists.every((list, i) => i === driver || holds(list.positions, others[i] as readonly [number, number], first + i));
      if (all) {
        found.push(doc);
        break;
      }
    }
  }
  return found.sort((a, b) => a - b);
}

/** Binary search for a position in one document's (ascending) range. */
function holds(positions: Int32Array, [start, end]: readonly [number, number], wanted: number): boolean {
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = positions[middle] as number;
    if (value === wanted) return true;
    if (value < wanted) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
