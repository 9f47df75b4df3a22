import { encodeAscending, type WordFormRow } from '../search/word-forms';
import { packList } from '../search/packed-list';
import { IntList, idsByName } from '../search/int-list';
import type { RunStore } from './run-spill';

/**
 * The corpus's word forms (search/word-forms.ts: the same rows as the unbatched reference builder in
 * tests/support/reference-search-data.ts), built
 * in batches of documents added in ascending order: each batch's (form, documents) lists are
 * spilled as one run sorted by form (build/run-spill.ts) and merged by `rows`. What stays in
 * memory is the vocabulary (each form and the terms it stems to), not a list per document.
 */
export class BatchedFormsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly termsOf: string[][] = [];
  /** The current batch: each document's number and its distinct form ids. */
  private batch: Array<{ doc: number; forms: Int32Array }> = [];
  private lastDoc = -1;

  constructor(
    private readonly runs: RunStore,
    private readonly batchSize: number,
  ) {}

  add(doc: number, forms: readonly string[], terms: readonly string[]): void {
    if (doc <= this.lastDoc) throw new Error('word forms must be added in document order, each document once');
    this.lastDoc = doc;
    const ids = new IntList(forms.length);
    const seen = new Set<number>();
    for (let i = 0; i < forms.length; i += 1) {
      const form = forms[i] ?? '';
      const term = terms[i] ?? '';
      let id = this.ids.get(form);
      let known = id === undefined ? undefined : this.termsOf[id];
      if (id === undefined || known === undefined) {
        id = this.names.length;
        known = [];
        this.ids.set(form, id);
        this.names.push(form);
        this.termsOf.push(known);
      }
      if (!known.includes(term)) known.push(term);
      if (!seen.has(id)) {
        seen.add(id);
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
          terms: (this.termsOf[key] ?? []).join(' '),
          df,
          docs: packList(encodeAscending(docs)),
        };
      }
    } finally {
      this.runs.dispose();
    }
  }
}
