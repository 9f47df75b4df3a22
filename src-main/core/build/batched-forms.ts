import { encodeAscending, type WordFormRow } from '../search/word-forms';
import { packList } from '../search/packed-list';
import { IntList, idsByName } from '../search/int-list';
import type { RunStore } from './run-spill';
import { IdsOfKeys, StringTable } from './string-table';

/**
 * The corpus's word forms (search/word-forms.ts: the same rows as the unbatched reference builder in
 * tests/support/reference-search-data.ts), built
 * in batches of documents added in ascending order: each batch's (form, documents) lists are
 * spilled as one run sorted by form (build/run-spill.ts) and merged by `rows`. What stays in
 * memory is the vocabulary (each form and the terms it stems to), not a list per document.
 */
export class BatchedFormsBuilder {
  /** Form id of each form's number in `strings`. */
  private readonly ids = new IdsOfKeys();
  private readonly names: string[] = [];
  /** Per form, the numbers of the terms it stems to, in first-seen order. */
  private readonly termsOf: number[][] = [];
  /** Per form, the last document that listed it (a document lists a form twice when it stems two ways). */
  private readonly lastDocOf = new IntList(1 << 12);
  /** The current batch: each document's number and its distinct form ids. */
  private batch: Array<{ doc: number; forms: Int32Array }> = [];
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
    const ids = new IntList(forms.length);
    for (let i = 0; i < forms.length; i += 1) {
      const key = formKeys[i] ?? 0;
      const term = termKeys[i] ?? 0;
      let id = this.ids.get(key);
      let known = id < 0 ? undefined : this.termsOf[id];
      if (id < 0 || known === undefined) {
        id = this.names.length;
        known = [];
        this.ids.set(key, id);
        this.names.push(this.strings.at(key));
        this.termsOf.push(known);
        this.lastDocOf.push(-1);
      }
      if (!known.includes(term)) known.push(term);
      if (this.lastDocOf.data[id] !== doc) {
        this.lastDocOf.data[id] = doc;
        ids.push(id);
      }
    }
    this.batch.push({ doc, forms: ids.view() });
    if (this.batch.length >= this.batchSize) this.spillBatch();
  }

  private spillBatch(): void {
    if (this.batch.length === 0) return;
    const localOf = new Int32Array(this.names.length).fill(-1);
    const localForms = new IntList(1 << 12);
    const df = new IntList(1 << 12);
    for (const { forms } of this.batch) {
      for (const id of forms) {
        let local = localOf[id] ?? -1;
        if (local === -1) {
          local = localForms.length;
          localOf[id] = local;
          localForms.push(id);
          df.push(0);
        }
        df.data[local] = (df.data[local] ?? 0) + 1;
      }
    }
    const count = localForms.length;
    const start = new Int32Array(count + 1);
    for (let local = 0; local < count; local += 1) start[local + 1] = (start[local] ?? 0) + (df.data[local] ?? 0);
    const docs = new Int32Array(start[count] ?? 0);
    const cursor = start.slice(0, count);
    for (const { doc, forms } of this.batch) {
      for (const id of forms) {
        const local = localOf[id] ?? 0;
        docs[cursor[local] ?? 0] = doc;
        cursor[local] = (cursor[local] ?? 0) + 1;
      }
    }
    const ids = localForms.data;
    const byName = idsByName(
      Int32Array.from({ length: count }, (_, local) => local),
      Array.from(localForms.view(), (id) => this.names[id] ?? ''),
    );
    this.runs.writeRun(
      (function* entries() {
        for (const local of byName) yield { key: ids[local] ?? 0, list: docs.subarray(start[local], start[local + 1]) };
      })(),
    );
    this.batch = [];
  }

  /** Rows in sorted form order (as `WordFormsBuilder.rows`). */
  *rows(): Generator<WordFormRow> {
    for (const row of this.unpackedRows()) yield { ...row, docs: packList(row.docs) };
  }

  /** `rows` with each `docs` before `packList`: for a writer that packs elsewhere (build/list-pack-pool.ts). */
  *unpackedRows(): Generator<WordFormRow> {
    this.spillBatch();
    const order = idsByName(
      Int32Array.from({ length: this.names.length }, (_, id) => id),
      this.names,
    );
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
          form: this.names[key] ?? '',
          terms: (this.termsOf[key] ?? []).map((term) => this.strings.at(term)).join(' '),
          df,
          docs: encodeAscending(docs),
        };
      }
    } finally {
      this.runs.dispose();
    }
  }
}
