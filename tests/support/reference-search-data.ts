import { packList } from '../../src-main/core/search/packed-list';
import { MAX_POSITION_DELTA, wordPositionsOf, type WordPositions } from '../../src-main/core/search/phrase-positions';
import { encodeUnsignedVarints } from '../../src-main/core/search/varint';
import { encodeAscending, type WordFormRow } from '../../src-main/core/search/word-forms';

/**
 * The phrase positions and word forms of a corpus built in one go, in memory: what the app's
 * batched build (src-main/core/build/batched-positions.ts, batched-forms.ts) must write row for
 * row. The app no longer builds them this way; the tests keep them as the reference.
 */

/** One document's words as ids of the builder's word list, with its positions (as in WordPositions). */
interface AddedDocument {
  doc: number;
  wordIds: Int32Array;
  starts: Int32Array;
  positions: Int32Array;
}

/**
 * Collects the position lists of many documents, added in ascending document order.
 *
 * Each document's positions are kept as they come (typed arrays, one Map lookup per distinct word
 * to number it); `entries` lays every word's list out in one buffer by counting, then filling, in
 * tight loops. Why: appending to 42,000 growing lists (10,000 documents) position by position was
 * the largest part of writing a corpus, and per-word JS arrays were rescanned by every collection.
 */
export class PhrasePositionsBuilder {
  private readonly wordIds = new Map<string, number>();
  private readonly wordNames: string[] = [];
  private readonly documents: AddedDocument[] = [];

  add(doc: number, folded: string): void {
    this.addWords(doc, wordPositionsOf(folded));
  }

  /** One document's word positions (wordPositionsOf), e.g. computed in another thread. */
  addWords(doc: number, { words, starts, positions }: WordPositions): void {
    const last = this.documents[this.documents.length - 1];
    if (last && doc <= last.doc)
      throw new Error('phrase positions must be added in document order, each document once');
    const wordIds = new Int32Array(words.length);
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i] ?? '';
      let id = this.wordIds.get(word);
      if (id === undefined) {
        id = this.wordNames.length;
        this.wordIds.set(word, id);
        this.wordNames.push(word);
      }
      wordIds[i] = id;
    }
    this.documents.push({ doc, wordIds, starts, positions });
  }

  /** Word forms in sorted order with their encoded lists. */
  *entries(): Generator<[string, Buffer]> {
    const wordCount = this.wordNames.length;
    // Pass 1: each word's number count (a `docDelta` per document, plus its flagged positions).
    const size = new Int32Array(wordCount);
    for (const { wordIds, starts } of this.documents) {
      for (let i = 0; i < wordIds.length; i += 1) {
        const occurrences = (starts[i + 1] ?? 0) - (starts[i] ?? 0);
        const id = wordIds[i] ?? 0;
        if (occurrences > 0) size[id] = (size[id] ?? 0) + 1 + occurrences;
      }
    }
    const start = new Int32Array(wordCount + 1);
    for (let id = 0; id < wordCount; id += 1) start[id + 1] = (start[id] ?? 0) + (size[id] ?? 0);
    // Pass 2: every list written in place, documents in order.
    const data = new Int32Array(start[wordCount] ?? 0);
    const cursor = start.slice(0, wordCount);
    const lastDoc = new Int32Array(wordCount);
    for (const { doc, wordIds, starts, positions } of this.documents) {
      for (let i = 0; i < wordIds.length; i += 1) {
        const from = starts[i] ?? 0;
        const to = starts[i + 1] ?? 0;
        if (to <= from) continue;
        const id = wordIds[i] ?? 0;
        let at = cursor[id] ?? 0;
        data[at++] = doc - (lastDoc[id] ?? 0);
        let previous = 0;
        for (let k = from; k < to; k += 1) {
          const position = positions[k] ?? 0;
          const delta = position - previous;
          if (delta < 0 || delta >= MAX_POSITION_DELTA) throw new Error(`word position ${position} cannot be stored`);
          data[at++] = delta * 2 + (k === to - 1 ? 1 : 0);
          previous = position;
        }
        cursor[id] = at;
        lastDoc[id] = doc;
      }
    }
    const order = Array.from(this.wordNames.keys()).sort((a, b) => {
      const x = this.wordNames[a] ?? '';
      const y = this.wordNames[b] ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    });
    for (const id of order) {
      if ((size[id] ?? 0) === 0) continue;
      const list = data.subarray(start[id], start[id + 1]);
      yield [this.wordNames[id] ?? '', packList(encodeUnsignedVarints(list))];
    }
  }
}

/** Collects the forms of many documents, added in ascending document order. */
export class WordFormsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly termsOf: string[][] = [];
  private readonly documents: Array<{ doc: number; forms: Int32Array }> = [];

  add(doc: number, forms: readonly string[], terms: readonly string[]): void {
    const last = this.documents[this.documents.length - 1];
    if (last && doc <= last.doc) throw new Error('word forms must be added in document order, each document once');
    const ids: number[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < forms.length; i += 1) {
      const form = forms[i] ?? '';
      const term = terms[i] ?? '';
      let id = this.ids.get(form);
      if (id === undefined) {
        id = this.names.length;
        this.ids.set(form, id);
        this.names.push(form);
        this.termsOf.push([term]);
      } else {
        const known = this.termsOf[id];
        if (known && !known.includes(term)) known.push(term);
      }
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
    this.documents.push({ doc, forms: Int32Array.from(ids) });
  }

  /** Rows in sorted form order. */
  *rows(): Generator<WordFormRow> {
    const count = this.names.length;
    const df = new Int32Array(count);
    for (const { forms } of this.documents) for (const id of forms) df[id] = (df[id] ?? 0) + 1;
    const start = new Int32Array(count + 1);
    for (let id = 0; id < count; id += 1) start[id + 1] = (start[id] ?? 0) + (df[id] ?? 0);
    const docs = new Int32Array(start[count] ?? 0);
    const cursor = start.slice(0, count);
    for (const { doc, forms } of this.documents) {
      for (const id of forms) {
        docs[cursor[id] ?? 0] = doc;
        cursor[id] = (cursor[id] ?? 0) + 1;
      }
    }
    const order = Array.from(this.names.keys()).sort((a, b) => {
      const x = this.names[a] ?? '';
      const y = this.names[b] ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    });
    for (const id of order) {
      yield {
        form: this.names[id] ?? '',
        terms: (this.termsOf[id] ?? []).join(' '),
        df: df[id] ?? 0,
        docs: packList(encodeAscending(docs.subarray(start[id], start[id + 1]))),
      };
    }
  }
}
