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
  const byWord = new Map<string, number[]>();
  let total = 0;
  forEachWordPosition(folded, (word, position) => {
    let list = byWord.get(word);
    if (!list) {
      list = [];
      byWord.set(word, list);
    }
    list.push(position);
    total += 1;
  });
  const words = [...byWord.keys()];
  const starts = new Int32Array(words.length + 1);
  const positions = new Int32Array(total);
  let at = 0;
  words.forEach((word, i) => {
    starts[i] = at;
    for (const position of byWord.get(word) as number[]) positions[at++] = position;
  });
  starts[words.length] = at;
  return { words, starts, positions };
}

/**
 * One word's encoded list while it grows (`docDelta, count, posDelta × count` groups): a chain of
 * blocks in the builder's arena, each twice the size of the one before.
 */
interface Accumulator {
  /** Start and capacity of each block, in arena order: `[start0, capacity0, start1, capacity1, ...]`. */
  blocks: number[];
  /** Next write position in the arena (inside the last block) and the end of that block. */
  cursor: number;
  limit: number;
  /** Values written in all. */
  length: number;
  lastDoc: number;
}

const FIRST_BLOCK = 8;

/**
 * Collects the position lists of many documents, added in ascending document order.
 *
 * All lists live in one Int32Array arena that grows by doubling. Why: one growable typed array
 * per word (42,000 words at 10,000 documents) spent most of the merge allocating and copying
 * arrays and in the collector; JS arrays were worse (the largest, `de`, ~450,000 entries, was
 * rescanned by every collection).
 */
export class PhrasePositionsBuilder {
  private readonly words = new Map<string, Accumulator>();
  private arena = new Int32Array(1 << 20);
  private used = 0;

  add(doc: number, folded: string): void {
    this.addWords(doc, wordPositionsOf(folded));
  }

  /** One document's word positions (wordPositionsOf), e.g. computed in another thread. */
  addWords(doc: number, { words, starts, positions }: WordPositions): void {
    for (let i = 0; i < words.length; i += 1) {
      const from = starts[i] as number;
      const to = starts[i + 1] as number;
      if (to <= from) continue;
      const word = words[i] as string;
      let acc = this.words.get(word);
      if (!acc) {
        acc = { blocks: [], cursor: 0, limit: 0, length: 0, lastDoc: -1 };
        this.words.set(word, acc);
      }
      if (doc <= acc.lastDoc) throw new Error('phrase positions must be added in document order, each document once');
      const docDelta = doc - Math.max(acc.lastDoc, 0);
      acc.lastDoc = doc;
      if (acc.limit - acc.cursor >= 2 + to - from) {
        // The whole group fits in the current block: write it with local variables (hot path).
        const arena = this.arena;
        let cursor = acc.cursor;
        arena[cursor++] = docDelta;
        arena[cursor++] = to - from;
        let previous = 0;
        for (let k = from; k < to; k += 1) {
          const position = positions[k] as number;
          arena[cursor++] = position - previous;
          previous = position;
        }
        acc.length += cursor - acc.cursor;
        acc.cursor = cursor;
        continue;
      }
      this.append(acc, docDelta);
      this.append(acc, to - from);
      let previous = 0;
      for (let k = from; k < to; k += 1) {
        const position = positions[k] as number;
        this.append(acc, position - previous);
        previous = position;
      }
    }
  }

  /** Word forms in sorted order with their encoded lists. */
  *entries(): Generator<[string, Buffer]> {
    for (const word of [...this.words.keys()].sort()) {
      const acc = this.words.get(word) as Accumulator;
      const out = new Int32Array(acc.length);
      let at = 0;
      for (let b = 0; b < acc.blocks.length; b += 2) {
        const start = acc.blocks[b] as number;
        const filled = Math.min(acc.blocks[b + 1] as number, acc.length - at);
        out.set(this.arena.subarray(start, start + filled), at);
        at += filled;
      }
      yield [word, Buffer.from(out.buffer, out.byteOffset, out.byteLength)];
    }
  }

  private append(acc: Accumulator, value: number): void {
    if (acc.cursor === acc.limit) this.newBlock(acc);
    this.arena[acc.cursor] = value;
    acc.cursor += 1;
    acc.length += 1;
  }

  private newBlock(acc: Accumulator): void {
    const previous = acc.blocks.length > 0 ? (acc.blocks[acc.blocks.length - 1] as number) : FIRST_BLOCK / 2;
    const capacity = previous * 2;
    if (this.used + capacity > this.arena.length) {
      const grown = new Int32Array(Math.max(this.arena.length * 2, this.used + capacity));
      grown.set(this.arena.subarray(0, this.used));
      this.arena = grown;
    }
    acc.blocks.push(this.used, capacity);
    acc.cursor = this.used;
    acc.limit = this.used + capacity;
    this.used += capacity;
  }
}

function toInt32(blob: Buffer): Int32Array {
  if (blob.byteLength % 4 !== 0) throw new Error('the stored phrase positions are truncated; rebuild the corpus');
  const data = new Int32Array(blob.byteLength / 4);
  new Uint8Array(data.buffer).set(blob);
  return data;
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

/** Past this many candidates a long list is scanned; below it, the candidates' texts are checked. */
const FEW_CANDIDATES = 100;
const LONG_LIST_BYTES = 256 * 1024;

/**
 * Documents (positions in id order) where the words occur one after the other.
 *
 * Words are taken from the shortest list up. The first gives the candidates (document ->
 * where the phrase would start); each next word's list is scanned once, in order, keeping the
 * starts it confirms. No per-document structure is built for long lists; and once few
 * candidates are left, a long list (`de` holds ~450,000 positions at 10,000 documents, 2 MB to
 * read) is not read at all: the few candidates' texts are checked instead.
 */
export function documentsWithWords(words: readonly string[], lists: PositionLists): number[] {
  const sizes: number[] = [];
  for (const word of words) {
    const size = lists.size(word);
    if (size === null) return [];
    sizes.push(size);
  }
  const order = words.map((_, i) => i).sort((a, b) => (sizes[a] as number) - (sizes[b] as number));
  let candidates: Map<number, number[]> | null = null;
  let scannedAll = true;
  for (const offset of order) {
    if (candidates !== null && candidates.size === 0) return [];
    if (candidates !== null && candidates.size <= FEW_CANDIDATES && (sizes[offset] as number) > LONG_LIST_BYTES) {
      scannedAll = false;
      break;
    }
    const blob = lists.read(words[offset] as string);
    if (!blob) return [];
    candidates = candidates === null ? startsOf(toInt32(blob), offset) : confirm(candidates, toInt32(blob), offset);
  }
  const docs = [...(candidates ?? new Map<number, number[]>()).keys()].sort((a, b) => a - b);
  return scannedAll ? docs : docs.filter((doc) => lists.verify(doc));
}

/** Document -> phrase starts implied by one word's positions at `offset` in the phrase. */
function startsOf(list: Int32Array, offset: number): Map<number, number[]> {
  const candidates = new Map<number, number[]>();
  forEachGroup(list, (doc, data, at, count) => {
    const starts: number[] = [];
    let position = 0;
    for (let k = 0; k < count; k += 1) {
      position += data[at + k] as number;
      if (position - offset >= 0) starts.push(position - offset);
    }
    if (starts.length > 0) candidates.set(doc, starts);
  });
  return candidates;
}

/** The starts that one more word (at `offset`) confirms. */
function confirm(candidates: ReadonlyMap<number, number[]>, list: Int32Array, offset: number): Map<number, number[]> {
  const kept = new Map<number, number[]>();
  forEachGroup(list, (doc, data, at, count) => {
    const starts = candidates.get(doc);
    if (!starts) return;
    // Both ascending: merge the word's positions with the starts shifted by the word's offset.
    const confirmed: number[] = [];
    let position = 0;
    let k = 0;
    for (const start of starts) {
      const wanted = start + offset;
      while (k < count && position + (data[at + k] as number) <= wanted) {
        position += data[at + k] as number;
        k += 1;
        if (position === wanted) break;
      }
      if (position === wanted && k > 0) confirmed.push(start);
    }
    if (confirmed.length > 0) kept.set(doc, confirmed);
  });
  return kept;
}

/** Calls `visit(doc, data, at, count)` for each document group of a stored list. */
function forEachGroup(data: Int32Array, visit: (doc: number, data: Int32Array, at: number, count: number) => void): void {
  let doc = 0;
  for (let at = 0; at < data.length; ) {
    doc += data[at] as number;
    const count = data[at + 1] as number;
    at += 2;
    if (count <= 0 || at + count > data.length) throw inconsistent();
    visit(doc, data, at, count);
    at += count;
  }
}
