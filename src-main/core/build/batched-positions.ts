import { packList } from '../search/packed-list';
import { MAX_POSITION_DELTA, type WordPositions } from '../search/phrase-positions';
import { encodeUnsignedVarints } from '../search/varint';
import { IntList } from '../search/int-list';
import { SortedIds } from './sorted-ids';
import type { RunStore } from './run-spill';
import { IdsOfKeys, StringTable } from './string-table';

/** One document of the current batch: its words as ids of the builder's word list, with its positions. */
interface BatchDocument {
  doc: number;
  wordIds: Int32Array;
  starts: Int32Array;
  positions: Int32Array;
}

/**
 * The phrase positions of a corpus (search/phrase-positions.ts: the same rows as the
 * unbatched reference builder in tests/support/reference-search-data.ts), built in batches of documents added in ascending order.
 *
 * Why batches: every word occurrence of the corpus has a position, so keeping them all until the
 * end grew with the corpus (about a third of a 100,000-document build's memory). Each batch is
 * laid out per word (counting, then filling one buffer) and spilled as one run sorted by word
 * (build/run-spill.ts); `entries` merges the runs word by word.
 *
 * A word's list in a run is `lastDoc, then per document docDelta, flagged position deltas…`,
 * the stored numbers with the first document absolute; the merge rebases each run's first
 * document on the previous run's last, so the concatenation is the stored list.
 */
export class BatchedPositionsBuilder {
  /** Word id of each word's number in `strings`. */
  private readonly wordIds = new IdsOfKeys();
  private readonly wordNames: string[] = [];
  /** Word ids in name order: a run's and the merge's order. */
  private readonly sortedWords = new SortedIds(this.wordNames);
  private batch: BatchDocument[] = [];
  private lastDoc = -1;

  constructor(
    private readonly runs: RunStore,
    private readonly batchSize: number,
    private readonly strings = new StringTable(),
  ) {}

  /**
   * One document's word positions (wordPositionsOf), e.g. computed in another thread; `keys` are
   * its words' numbers in the builder's string table, when known.
   */
  addWords(doc: number, { words, starts, positions }: WordPositions, keys?: Int32Array): void {
    if (doc <= this.lastDoc) throw new Error('phrase positions must be added in document order, each document once');
    this.lastDoc = doc;
    const wordKeys = keys ?? this.strings.internAll(words);
    if (wordKeys.length !== words.length) throw new Error('phrase positions: one key per word expected');
    const wordIds = new Int32Array(words.length);
    for (let i = 0; i < words.length; i += 1) {
      const key = wordKeys[i] ?? 0;
      let id = this.wordIds.get(key);
      if (id < 0) {
        id = this.wordNames.length;
        this.wordIds.set(key, id);
        this.wordNames.push(this.strings.at(key));
      }
      wordIds[i] = id;
    }
    this.batch.push({ doc, wordIds, starts, positions });
    if (this.batch.length >= this.batchSize) this.spillBatch();
  }

  private spillBatch(): void {
    if (this.batch.length === 0) return;
    const localOf = new Int32Array(this.wordNames.length).fill(-1);
    const localWords = new IntList(1 << 12);
    const size = new IntList(1 << 12);
    // Pass 1: each word's number count (its lastDoc, then a docDelta per document and its positions).
    for (const { wordIds, starts } of this.batch) {
      for (let i = 0; i < wordIds.length; i += 1) {
        const occurrences = (starts[i + 1] ?? 0) - (starts[i] ?? 0);
        if (occurrences <= 0) continue;
        const id = wordIds[i] ?? 0;
        let local = localOf[id] ?? -1;
        if (local === -1) {
          local = localWords.length;
          localOf[id] = local;
          localWords.push(id);
          size.push(1);
        }
        size.data[local] = (size.data[local] ?? 0) + 1 + occurrences;
      }
    }
    const count = localWords.length;
    const start = new Int32Array(count + 1);
    for (let local = 0; local < count; local += 1) start[local + 1] = (start[local] ?? 0) + (size.data[local] ?? 0);
    // Pass 2: every list written in place, documents in order.
    const data = new Int32Array(start[count] ?? 0);
    const cursor = Int32Array.from(start.subarray(0, count), (at) => at + 1);
    const previousDoc = new Int32Array(count);
    for (const { doc, wordIds, starts, positions } of this.batch) {
      for (let i = 0; i < wordIds.length; i += 1) {
        const from = starts[i] ?? 0;
        const to = starts[i + 1] ?? 0;
        if (to <= from) continue;
        const local = localOf[wordIds[i] ?? 0] ?? 0;
        let at = cursor[local] ?? 0;
        data[at++] = doc - (previousDoc[local] ?? 0);
        let previous = 0;
        for (let k = from; k < to; k += 1) {
          const position = positions[k] ?? 0;
          const delta = position - previous;
          if (delta < 0 || delta >= MAX_POSITION_DELTA) throw new Error(`word position ${position} cannot be stored`);
          data[at++] = delta * 2 + (k === to - 1 ? 1 : 0);
          previous = position;
        }
        cursor[local] = at;
        previousDoc[local] = doc;
        data[start[local] ?? 0] = doc;
      }
    }
    const order = this.sortedWords.order();
    this.runs.writeRun(
      (function* entries() {
        for (const id of order) {
          const local = localOf[id] ?? -1;
          if (local >= 0) yield { key: id, list: data.subarray(start[local], start[local + 1]) };
        }
      })(),
    );
    this.batch = [];
  }

  /** Word forms in sorted order with their encoded lists (as the reference builder gives them). */
  *entries(): Generator<[string, Buffer]> {
    for (const [word, list] of this.unpackedEntries()) yield [word, packList(list)];
  }

  /** `entries` before `packList`: for a writer that packs elsewhere (build/list-pack-pool.ts). */
  *unpackedEntries(): Generator<[string, Buffer]> {
    this.spillBatch();
    const order = this.sortedWords.order();
    try {
      for (const { key, lists } of this.runs.merge(order)) {
        let size = 0;
        for (const list of lists) size += list.length - 1;
        const merged = new Int32Array(size);
        let write = 0;
        let lastDoc = 0;
        for (const list of lists) {
          const part = list.subarray(1);
          merged.set(part, write);
          // The run's first document was absolute: make it a delta from the previous run's last.
          merged[write] = (part[0] ?? 0) - lastDoc;
          write += part.length;
          lastDoc = list[0] ?? 0;
        }
        yield [this.wordNames[key] ?? '', encodeUnsignedVarints(merged)];
      }
    } finally {
      this.runs.dispose();
    }
  }
}
