import lunr from 'lunr';
import { createSpanishAnalyzer } from './analyzer';
import type { FieldTerms } from './document-analysis';
import { COMPACT_FORMAT, encodeTokenSet, type CompactIndex } from './compact-index';
import { IntList } from './int-list';
import { SortedIds } from '../build/sorted-ids';
import { inverseDocumentFrequency, scoreThousandths } from './posting-scores';
import { MemoryRunStore, type RunStore } from '../build/run-spill';
import { IdsOfKeys, StringTable } from '../build/string-table';

/**
 * Builds the stored index (compact-index.ts) directly, computing what `lunr.Builder` computes
 * (same tokens, same memoised Spanish pipeline, same term frequencies, field lengths and
 * averages that Lunr's BM25 is computed from (posting-scores.ts), same term numbering in
 * first-seen order, same token set), without
 * Lunr's per-occurrence object bookkeeping and its JSON round trip.
 *
 * Why: `lunr.Builder` spent ~35 s on 10,000 documents (five dictionary lookups per token
 * occurrence on objects keyed by document refs, then `toJSON` and our conversion), most of the
 * build. The output is identical to Lunr's own index converted to this form (tested on the
 * real corpus against tests/support/reference-index.ts), so Lunr's scoring semantics are unchanged.
 *
 * Tokenising and stemming happen per document beforehand (document-analysis.ts, in the import's
 * worker threads); this merges the per-document term lists in ref order.
 *
 * Batched: documents are taken in batches; each batch's (document, tf) lists are spilled as one
 * run sorted by term (build/run-spill.ts) and let go. Scores need the whole corpus (idf, average
 * field lengths), so runs keep term frequencies and the merge at the end computes the scores, term
 * by term, from small per-document arrays (field lengths). Memory holds the vocabulary, those
 * arrays and one batch, not every posting: 100,000 documents build in bounded memory.
 *
 * `analyses[d]` is the analysis of `refs[d]` (refs in order); `fields` (name, boost) in index order,
 * matching each analysis' `fields`.
 */
export interface DirectField {
  name: string;
  boost: number;
}

export function buildCompactIndex(
  refs: readonly string[],
  fields: readonly DirectField[],
  analyses: ReadonlyArray<readonly FieldTerms[]>,
): CompactIndex {
  if (analyses.length !== refs.length)
    throw new Error(`index build: ${analyses.length} analyses for ${refs.length} documents`);
  const builder = new CompactIndexBuilder(fields);
  refs.forEach((ref, doc) => {
    const analysis = analyses[doc];
    if (!analysis) throw new Error(`index build: no analysis for document ${ref}`);
    builder.add(ref, analysis);
  });
  const { header, postings } = builder.finish();
  return { ...header, postings: Array.from(postings, ({ posting }) => posting.slice()) };
}

/** The finished index without its postings, and the postings one term at a time (sorted term order). */
export interface StreamedIndex {
  header: Omit<CompactIndex, 'postings'>;
  /** `postings[t]` of the compact index for each term `t` in order; each posting is valid until the next. */
  postings: Iterable<{ term: string; posting: Int32Array }>;
}

/**
 * The same build, one document at a time (refs in ascending order), so that a corpus build can
 * merge each document as the import hands it over instead of after the whole import. Every
 * `batchSize` documents the batch is spilled to `runs` (in memory unless a file store is given).
 */
export class CompactIndexBuilder {
  /** Term id (first-seen order, Lunr's numbering) of each term's number in `strings`. */
  private readonly termIds = new IdsOfKeys();
  private readonly termNames: string[] = [];
  /** Term ids in name order: a run's and the merge's order (and `termOrder`). */
  private readonly sortedTerms = new SortedIds(this.termNames);
  private readonly refs: string[] = [];
  /** Per (document, field) slot of the whole corpus: its length in terms (BM25's field length). */
  private readonly slotLength = new IntList(1 << 12);
  /** Per term: number of (document, field) slots holding it (Lunr's idf counts per field). */
  private readonly slotsWithTerm = new IntList(1 << 12);
  private readonly lengthSums: Float64Array;
  /** The current batch: per (document, field) slot, where its (term, tf) pairs start in `pairs`. */
  private readonly batchSlotStart = new IntList(1 << 12);
  private readonly pairs = new IntList(1 << 16);
  private batchFirstDoc = 0;
  private finished = false;

  constructor(
    private readonly fields: readonly DirectField[],
    private readonly runs: RunStore = new MemoryRunStore(),
    private readonly batchSize = Number.POSITIVE_INFINITY,
    /** Where `addKeyed`'s term keys are numbered (the corpus writer's table). */
    private readonly strings = new StringTable(),
  ) {
    this.lengthSums = new Float64Array(fields.length);
  }

  add(ref: string, byField: readonly FieldTerms[]): void {
    this.addKeyed(
      ref,
      byField,
      byField.map((field) => this.strings.internAll(field.terms)),
    );
  }

  /** `add` with each field's terms given as their numbers in the builder's string table (`keys[f][i]`). */
  addKeyed(ref: string, byField: readonly FieldTerms[], keys: readonly Int32Array[]): void {
    const last = this.refs[this.refs.length - 1];
    if (last !== undefined && !(last < ref))
      throw new Error(`index build: document ${ref} added after ${last} (refs must ascend)`);
    this.fields.forEach((spec, f) => {
      const field = byField[f];
      if (!field) throw new Error(`index build: document ${ref} has no analysis of field ${spec.name}`);
      this.batchSlotStart.push(this.pairs.length);
      // Terms come in first-occurrence order: numbering them on first sight here gives Lunr's
      // numbering (documents in ref order, fields in index order, tokens in text order).
      // A plain loop over locals: this runs for every (document, field, term) of the corpus.
      const { counts } = field;
      const terms = keys[f];
      if (terms?.length !== counts.length)
        throw new Error(`index build: document ${ref} has ${counts.length} counts for its terms of ${spec.name}`);
      const termIds = this.termIds;
      const pairs = this.pairs;
      pairs.reserve(2 * terms.length);
      const pairData = pairs.data;
      let length = pairs.length;
      for (let i = 0; i < terms.length; i += 1) {
        const key = terms[i] ?? 0;
        let id = termIds.get(key);
        if (id < 0) {
          id = this.termNames.length;
          termIds.set(key, id);
          this.termNames.push(this.strings.at(key));
          this.slotsWithTerm.push(0);
        }
        pairData[length++] = id;
        pairData[length++] = counts[i] ?? 0;
        const withTerm = this.slotsWithTerm.data;
        withTerm[id] = (withTerm[id] ?? 0) + 1;
      }
      pairs.length = length;
      this.slotLength.push(field.length);
      this.lengthSums[f] = (this.lengthSums[f] ?? 0) + field.length;
    });
    this.refs.push(ref);
    if (this.refs.length - this.batchFirstDoc >= this.batchSize) this.spillBatch();
  }

  /**
   * Writes the current batch as one run: for each of its terms in sorted order, per field,
   * `count, (document, tf) × count` (documents absolute and ascending).
   */
  private spillBatch(): void {
    const fieldCount = this.fields.length;
    const documents = this.refs.length - this.batchFirstDoc;
    if (documents === 0) return;
    this.batchSlotStart.push(this.pairs.length);
    const slotStart = this.batchSlotStart.data;
    const pairData = this.pairs.data;
    // Local numbering of the batch's terms, then a count of each (term, field) list.
    const localOf = new Int32Array(this.termNames.length).fill(-1);
    const localTerms = new IntList(1 << 12);
    for (let at = 0; at < this.pairs.length; at += 2) {
      const id = pairData[at] ?? 0;
      if (localOf[id] === -1) {
        localOf[id] = localTerms.length;
        localTerms.push(id);
      }
    }
    const count = new Int32Array(localTerms.length * fieldCount);
    for (let slot = 0; slot < documents * fieldCount; slot += 1) {
      const f = slot % fieldCount;
      for (let at = slotStart[slot] ?? 0; at < (slotStart[slot + 1] ?? 0); at += 2) {
        const cell = (localOf[pairData[at] ?? 0] ?? 0) * fieldCount + f;
        count[cell] = (count[cell] ?? 0) + 1;
      }
    }
    // Each term's list laid out in one buffer: per field, its count then its pairs.
    const listStart = new Int32Array(localTerms.length + 1);
    const cursor = new Int32Array(localTerms.length * fieldCount);
    let size = 0;
    for (let local = 0; local < localTerms.length; local += 1) {
      listStart[local] = size;
      for (let f = 0; f < fieldCount; f += 1) {
        const cell = local * fieldCount + f;
        const cellCount = count[cell] ?? 0;
        cursor[cell] = size + 1;
        size += 1 + 2 * cellCount;
      }
    }
    listStart[localTerms.length] = size;
    const all = new Int32Array(size);
    for (let cell = 0; cell < count.length; cell += 1) all[(cursor[cell] ?? 0) - 1] = count[cell] ?? 0;
    for (let slot = 0; slot < documents * fieldCount; slot += 1) {
      const f = slot % fieldCount;
      const doc = this.batchFirstDoc + Math.floor(slot / fieldCount);
      for (let at = slotStart[slot] ?? 0; at < (slotStart[slot + 1] ?? 0); at += 2) {
        const cell = (localOf[pairData[at] ?? 0] ?? 0) * fieldCount + f;
        const write = cursor[cell] ?? 0;
        all[write] = doc;
        all[write + 1] = pairData[at + 1] ?? 0;
        cursor[cell] = write + 2;
      }
    }
    const order = this.sortedTerms.order();
    this.runs.writeRun(
      (function* entries() {
        for (const id of order) {
          const local = localOf[id] ?? -1;
          if (local >= 0) yield { key: id, list: all.subarray(listStart[local] ?? 0, listStart[local + 1] ?? 0) };
        }
      })(),
    );
    this.batchFirstDoc = this.refs.length;
    this.batchSlotStart.clear();
    this.pairs.clear();
  }

  /** The header now; the postings as the runs are merged (each computed from every run holding its term). */
  finish(): StreamedIndex {
    if (this.finished) throw new Error('index build: finish() called twice');
    this.finished = true;
    this.spillBatch();
    const { fields, termNames, lengthSums, refs } = this;
    const analyzer = createSpanishAnalyzer();
    const documentCount = refs.length;
    const averageLength = Float64Array.from(lengthSums, (sum) => sum / documentCount);
    const idf = new Float64Array(termNames.length);
    for (let id = 0; id < termNames.length; id += 1) {
      idf[id] = inverseDocumentFrequency(this.slotsWithTerm.data[id] ?? 0, documentCount);
    }
    // Postings in sorted term order (Lunr's serialisation order); `termOrder` keeps Lunr's numbering.
    const termOrder = this.sortedTerms.order().slice();
    const sortedTerms = Array.from(termOrder, (id) => termNames[id] ?? '');
    const searchPipeline = new lunr.Pipeline();
    searchPipeline.add(...analyzer.functions);
    const header: Omit<CompactIndex, 'postings'> = {
      format: COMPACT_FORMAT,
      lunrVersion: lunr.version,
      fields: fields.map((field) => field.name),
      pipeline: pipelineLabels(searchPipeline),
      refs: [...refs],
      terms: sortedTerms,
      termOrder,
      tokenSet: encodeTokenSet(lunr.TokenSet.fromArray(sortedTerms)),
      fieldBoosts: this.fields.map((field) => field.boost || 1),
      averageFieldLengths: Array.from(averageLength),
      fieldLengths: this.slotLength.data.slice(0, documentCount * fields.length),
    };
    return { header, postings: this.mergePostings(termOrder, idf, averageLength) };
  }

  private *mergePostings(
    termOrder: Int32Array,
    idf: Float64Array,
    averageLength: Float64Array,
  ): Generator<{ term: string; posting: Int32Array }> {
    const fieldCount = this.fields.length;
    const boosts = this.fields.map((field) => field.boost || 1);
    const slotLength = this.slotLength.data;
    const expected = termOrder.length;
    let merged = 0;
    try {
      for (const { key, lists } of this.runs.merge(termOrder)) {
        let size = fieldCount;
        for (const list of lists) size += list.length - fieldCount;
        const posting = new Int32Array(size);
        const cursors = new Int32Array(lists.length);
        const termIdf = idf[key] ?? 0;
        let write = 0;
        for (let f = 0; f < fieldCount; f += 1) {
          const countAt = write++;
          let total = 0;
          let previousDoc = 0;
          const average = averageLength[f] ?? 0;
          const boost = boosts[f] ?? 1;
          lists.forEach((list, l) => {
            let at = cursors[l] ?? 0;
            const count = list[at++] ?? 0;
            for (let k = 0; k < count; k += 1, at += 2) {
              const doc = list[at] ?? 0;
              const fieldLength = slotLength[doc * fieldCount + f] ?? 0;
              const tf = list[at + 1] ?? 0;
              // Stored: the frequency. Checked: that it gives a score Lunr could store (finite, Int32).
              const thousandths = scoreThousandths(termIdf, tf, fieldLength, average, boost);
              if (!Number.isSafeInteger(thousandths) || Math.abs(thousandths) > 0x7fffffff) {
                const term = this.termNames[key] ?? '';
                throw new Error(`index build: score ${String(thousandths / 1000)} of "${term}" is out of range`);
              }
              posting[write++] = doc - previousDoc;
              posting[write++] = tf;
              previousDoc = doc;
            }
            cursors[l] = at;
            total += count;
          });
          posting[countAt] = total;
        }
        merged += 1;
        yield { term: this.termNames[key] ?? '', posting };
      }
      if (merged !== expected) throw new Error(`index build: ${merged} postings merged for ${expected} terms`);
    } finally {
      this.runs.dispose();
    }
  }
}

/** The labels Lunr serialises a pipeline as (what `Pipeline.toJSON` returns; its typing says functions). */
function pipelineLabels(pipeline: lunr.Pipeline): string[] {
  const labels: unknown = pipeline.toJSON();
  if (!Array.isArray(labels) || !labels.every((label): label is string => typeof label === 'string'))
    throw new Error('index build: the search pipeline has an unregistered function');
  return labels;
}
