/**
 * A hash table from words to numbers (0, 1, 2… in insertion order) that is looked up with a range
 * of a text and its hash, so that a word already in the table is found without cutting it out of
 * the text.
 *
 * Why not a `Map<string, …>`: the document analysis looks up every word of every document (7
 * million at 10,000 documents) and nearly all of them are already known; `text.slice` then
 * `Map.get` allocated a string per word and hashed it again, a fifth of a render thread's time.
 * Here the scan that finds the word's end computes its hash on the way (`hashStep`), and a hit
 * costs one comparison of the range with the stored word.
 */
export class WordRangeTable {
  private words: string[] = [];
  private hashes = new Int32Array(1 << 10);
  /** Open addressing, linear probing: number + 1, 0 for an empty slot. Never more than half full. */
  private slots = new Int32Array(1 << 11);

  get size(): number {
    return this.words.length;
  }

  /** The word numbered `number` (given by `add`). */
  word(number: number): string {
    const word = this.words[number];
    if (word === undefined) throw new RangeError(`word table: no word number ${number}`);
    return word;
  }

  /** The number of `text[start, end)`, whose `hashOf` is `hash`; -1 when it is not in the table. */
  find(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = (this.slots[slot] ?? 0) - 1;
      if (entry < 0) return -1;
      if (this.hashes[entry] !== hash) continue;
      const word = this.words[entry] ?? '';
      if (word.length !== length) continue;
      let same = true;
      for (let i = 0; i < length; i += 1) {
        if (word.charCodeAt(i) !== text.charCodeAt(start + i)) {
          same = false;
          break;
        }
      }
      if (same) return entry;
    }
  }

  /** Adds a word that `find` did not find (its hash as `hashOf` gives it); returns its number. */
  add(word: string, hash: number): number {
    const number = this.words.length;
    this.words.push(word);
    if (number >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[number] = hash;
    if (2 * (number + 1) > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(number);
    return number;
  }

  /** Empties the table (numbers start again from 0). */
  clear(): void {
    this.words = [];
    this.slots.fill(0);
  }

  private place(number: number): void {
    const mask = this.slots.length - 1;
    let slot = (this.hashes[number] ?? 0) & mask;
    while ((this.slots[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = number + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let number = 0; number < this.words.length; number += 1) this.place(number);
  }
}

/** FNV-1a's offset basis: the hash of an empty word, where `hashStep` starts. */
export const HASH_START = 0x811c9dc5 | 0;

/** One code unit more of a word's hash (FNV-1a over UTF-16 code units). */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** The hash of `text[start, end)`, as a scan with `hashStep` computes it. */
export function hashOf(text: string, start = 0, end = text.length): number {
  let hash = HASH_START;
  for (let i = start; i < end; i += 1) hash = hashStep(hash, text.charCodeAt(i));
  return hash;
}
