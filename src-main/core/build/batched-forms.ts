import { encodeAscending, type WordFormRow } from '../search/word-forms';
import { packList } from '../search/packed-list';
import { IntList } from '../search/int-list';
import { SortedIds } from './sorted-ids';
import type { RunStore } from './run-spill';
import { StringTable } from './string-table';

/**
 * The corpus's word forms (search/word-forms.ts: the same rows as the unbatched reference builder in
 * tests/support/reference-search-data.ts), built
 * in batches of documents added in ascending order: each batch's (form, documents) lists are
 * spilled as one run sorted by form (build/run-spill.ts) and merged by `rows`. What stays in
 * memory is the vocabulary (each form and the terms it stems to), not a list per document.
 */
export class BatchedFormsBuilder {
  /**
   * Per form, by its number in `strings` (two cells each): the last document that listed it and
   * the first term it stems to (-1: a form not met yet). Why columns indexed by the string's
   * number instead of a form id with an array of terms per form: this runs for every distinct
   * form of every document (3.4 million at 10,000 posts), and the id lookup, the array per form
   * and its contents were separate places in memory to load for each; here they are two
   * neighbouring cells.
   */
  private state = new Int32Array(2 << 12).fill(-1);
  /** Further terms of the forms that stem more than one way (rare), in first-seen order after the first. */
  private readonly moreTerms = new Map<number, number[]>();
  /** Every form's number in `strings` and the form, in first-seen order. */
  private readonly formKeys = new IntList(1 << 12);
  private readonly formNames: string[] = [];
  /** Places in `formKeys` in name order: a run's and the merge's order. */
  private readonly sortedForms = new SortedIds(this.formNames);
  /** The current batch: each document's number and where its distinct forms end in `batchForms`. */
  private readonly batchDocs = new IntList(1 << 12);
  private readonly batchEnds = new IntList(1 << 12);
  private readonly batchForms = new IntList(1 << 16);
  private lastDoc = -1;

  constructor(
    private readonly runs: RunStore,
    private readonly batchSize: number,
    private readonly strings = new StringTable(),
  ) {}

  /**
   * One document's distinct forms and the term each stems to (DocumentAnalysis.forms, formTerms);
   * `keys`, when known, are the same as numbers of the builder's string table.
   */
  add(
    doc: number,
    forms: readonly string[],
    terms: readonly string[],
    keys?: { forms: Int32Array; formTerms: Int32Array },
  ): void {
    if (doc <= this.lastDoc) throw new Error('word forms must be added in document order, each document once');
    this.lastDoc = doc;
    const formKeys = keys?.forms ?? this.strings.internAll(forms);
    const termKeys = keys?.formTerms ?? this.strings.internAll(terms);
    if (formKeys.length !== forms.length || termKeys.length !== forms.length)
      throw new Error('word forms: one form and one term key per form expected');
    // Every key is a number the table gave: room for all of them at once.
    this.reserve(this.strings.size);
    const state = this.state;
    const batchForms = this.batchForms;
    batchForms.reserve(formKeys.length);
    const listed = batchForms.data;
    let end = batchForms.length;
    for (let i = 0; i < formKeys.length; i += 1) {
      const key = formKeys[i] ?? 0;
      const term = termKeys[i] ?? 0;
      const cell = 2 * key;
      const first = state[cell + 1] ?? -1;
      if (first === -1) {
        state[cell + 1] = term;
        this.formKeys.push(key);
        this.formNames.push(this.strings.at(key));
      } else if (first !== term) {
        const more = this.moreTerms.get(key);
        if (more === undefined) this.moreTerms.set(key, [term]);
        else if (!more.includes(term)) more.push(term);
      }
      if (state[cell] !== doc) {
        state[cell] = doc;
        listed[end++] = key;
      }
    }
    batchForms.length = end;
    this.batchDocs.push(doc);
    this.batchEnds.push(end);
    if (this.batchDocs.length >= this.batchSize) this.spillBatch();
  }

  /** Makes `state` hold the forms numbered below `keys`. */
  private reserve(keys: number): void {
    if (2 * keys <= this.state.length) return;
    const grown = new Int32Array(Math.max(2 * this.state.length, 2 * keys)).fill(-1);
    grown.set(this.state);
    this.state = grown;
  }

  private spillBatch(): void {
    const documents = this.batchDocs.length;
    if (documents === 0) return;
    const listed = this.batchForms.data;
    const listedCount = this.batchForms.length;
    const localOf = new Int32Array(this.state.length / 2).fill(-1);
    const localForms = new IntList(1 << 12);
    const df = new IntList(1 << 12);
    for (let at = 0; at < listedCount; at += 1) {
      const key = listed[at] ?? 0;
      let local = localOf[key] ?? -1;
      if (local === -1) {
        local = localForms.length;
        localOf[key] = local;
        localForms.push(key);
        df.push(0);
      }
      df.data[local] = (df.data[local] ?? 0) + 1;
    }
    const count = localForms.length;
    const start = new Int32Array(count + 1);
    for (let local = 0; local < count; local += 1) start[local + 1] = (start[local] ?? 0) + (df.data[local] ?? 0);
    const docs = new Int32Array(start[count] ?? 0);
    const cursor = start.slice(0, count);
    let at = 0;
    for (let d = 0; d < documents; d += 1) {
      const doc = this.batchDocs.data[d] ?? 0;
      const end = this.batchEnds.data[d] ?? 0;
      for (; at < end; at += 1) {
        const local = localOf[listed[at] ?? 0] ?? 0;
        docs[cursor[local] ?? 0] = doc;
        cursor[local] = (cursor[local] ?? 0) + 1;
      }
    }
    const order = this.sortedForms.order();
    const formKeys = this.formKeys.data;
    this.runs.writeRun(
      (function* entries() {
        for (const form of order) {
          const key = formKeys[form] ?? 0;
          const local = localOf[key] ?? -1;
          if (local >= 0) yield { key, list: docs.subarray(start[local], start[local + 1]) };
        }
      })(),
    );
    this.batchDocs.clear();
    this.batchEnds.clear();
    this.batchForms.clear();
  }

  /** Rows in sorted form order (as `WordFormsBuilder.rows`). */
  *rows(): Generator<WordFormRow> {
    for (const row of this.unpackedRows()) yield { ...row, docs: packList(row.docs) };
  }

  /** `rows` with each `docs` before `packList`: for a writer that packs elsewhere (build/list-pack-pool.ts). */
  *unpackedRows(): Generator<WordFormRow> {
    this.spillBatch();
    const formKeys = this.formKeys.data;
    const order = Int32Array.from(this.sortedForms.order(), (form) => formKeys[form] ?? 0);
    try {
      for (const { key, lists } of this.runs.merge(order)) {
        let df = 0;
        for (const list of lists) df += list.length;
        const docs = new Int32Array(df);
        let write = 0;
        for (const list of lists) {
          docs.set(list, write);
          write += list.length;
        }
        yield {
          form: this.strings.at(key),
          terms: this.termsOf(key)
            .map((term) => this.strings.at(term))
            .join(' '),
          df,
          docs: encodeAscending(docs),
        };
      }
    } finally {
      this.runs.dispose();
    }
  }

  /** The terms form `key` stems to, in first-seen order. */
  private termsOf(key: number): number[] {
    const first = this.state[2 * key + 1] ?? -1;
    return [first, ...(this.moreTerms.get(key) ?? [])];
  }
}
