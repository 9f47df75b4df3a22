import lunr from 'lunr';
import { createSpanishAnalyzer } from './analyzer';
import type { FieldTerms } from './document-analysis';
import { COMPACT_FORMAT, encodeTokenSet, type CompactIndex } from './compact-index';
import { inverseDocumentFrequency, scoreThousandths } from './posting-scores';

/**
 * Builds the stored index (compact-index.ts) directly, computing what `lunr.Builder` computes
 * (same tokens, same memoised Spanish pipeline, same term frequencies, field lengths and
 * averages that Lunr's BM25 is computed from (posting-scores.ts), same term numbering in first-seen order, same token set), without
 * Lunr's per-occurrence object bookkeeping and its JSON round trip.
 *
 * Why: `lunr.Builder` spent ~35 s on 10,000 documents (five dictionary lookups per token
 * occurrence on objects keyed by document refs, then `toJSON` and our conversion), most of the
 * build. The output is identical to `compactIndex(buildLunrIndex(documents))` (tested on the
 * real corpus), so Lunr's scoring semantics are unchanged.
 *
 * Tokenising and stemming happen per document beforehand (document-analysis.ts, in the import's
 * worker threads); this merges the per-document term lists in ref order.
 *
 * `analyses[d]` is the analysis of `refs[d]` (refs in order); `fields` (name, boost) in index order,
 * matching each analysis' `fields`.
 */
export interface DirectField {
  name: string;
  boost: number;
}

/** Growable Int32 storage (term ids, frequencies) without per-element JS objects. */
class IntList {
  data: Int32Array;
  length = 0;
  /** Small by default: there is one list per (term, field), most of them short. */
  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = value;
  }
  /** Makes room for `more` values past `length` (then `data` may be written directly). */
  reserve(more: number): void {
    if (this.length + more <= this.data.length) return;
    const grown = new Int32Array(Math.max(this.data.length * 2, this.length + more));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
}

export function buildCompactIndex(
  refs: readonly string[],
  fields: readonly DirectField[],
  analyses: ReadonlyArray<readonly FieldTerms[]>,
): CompactIndex {
  if (analyses.length !== refs.length)
    throw new Error(`index build: ${analyses.length} analyses for ${refs.length} documents`);
  const builder = new CompactIndexBuilder(fields);
  refs.forEach((ref, doc) => builder.add(ref, analyses[doc] as readonly FieldTerms[]));
  return builder.finish();
}

/**
 * The same build, one document at a time (refs in ascending order), so that a corpus build can
 * merge each document as the import hands it over instead of after the whole import.
 */
export class CompactIndexBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private readonly refs: string[] = [];
  /** Per (document, field) slot: where its (term, tf) pairs start in `pairs`, and its length in terms. */
  private readonly slotStart = new IntList(1 << 12);
  private readonly slotLength = new IntList(1 << 12);
  private readonly pairs = new IntList(1 << 16);
  /** Per term: number of (document, field) slots holding it (Lunr's idf counts per field). */
  private readonly slotsWithTerm = new IntList(1 << 12);
  private readonly lengthSums: Float64Array;
  private finished = false;

  constructor(private readonly fields: readonly DirectField[]) {
    this.lengthSums = new Float64Array(fields.length);
  }

  add(ref: string, byField: readonly FieldTerms[]): void {
    const last = this.refs[this.refs.length - 1];
    if (last !== undefined && !(last < ref))
      throw new Error(`index build: document ${ref} added after ${last} (refs must ascend)`);
    this.fields.forEach((spec, f) => {
      const field = byField[f];
      if (!field) throw new Error(`index build: document ${ref} has no analysis of field ${spec.name}`);
      this.slotStart.push(this.pairs.length);
      // Terms come in first-occurrence order: numbering them on first sight here gives Lunr's
      // numbering (documents in ref order, fields in index order, tokens in text order).
      // A plain loop over locals: this runs for every (document, field, term) of the corpus.
      const { terms, counts } = field;
      const termIds = this.termIds;
      const pairs = this.pairs;
      pairs.reserve(2 * terms.length);
      const pairData = pairs.data;
      let length = pairs.length;
      for (let i = 0; i < terms.length; i += 1) {
        const term = terms[i] ?? '';
        let id = termIds.get(term);
        if (id === undefined) {
          id = this.termNames.length;
          termIds.set(term, id);
          this.termNames.push(term);
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
  }

  finish(): CompactIndex {
    if (this.finished) throw new Error('index build: finish() called twice');
    this.finished = true;
    const { fields, termIds, termNames, pairs, lengthSums, refs } = this;
    const analyzer = createSpanishAnalyzer();
    const fieldCount = fields.length;
    const documentCount = refs.length;
    this.slotStart.push(pairs.length);
    const pairData = pairs.data;
    const slotStart = this.slotStart.data;
    const slotLength = this.slotLength.data;
    const slotsWithTerm = this.slotsWithTerm;
    const averageLength = Array.from(lengthSums, (sum) => sum / documentCount);
    const idf = new Float64Array(termNames.length);
    for (let id = 0; id < termNames.length; id += 1) {
      idf[id] = inverseDocumentFrequency(slotsWithTerm.data[id] ?? 0, documentCount);
    }

    // Postings in sorted term order (Lunr's serialisation order); `termOrder` keeps Lunr's numbering.
    const sortedTerms = [...termNames].sort();
    const position = new Int32Array(termNames.length);
    sortedTerms.forEach((term, t) => {
      position[termIds.get(term) as number] = t;
    });
    // Two passes over the (term, tf) pairs instead of one growable list per (term, field): with
    // ~200,000 terms that was over a million small typed arrays to allocate and collect.
    // Pass 1 counts each (term, field) list; pass 2 writes every list in place, in one buffer.
    const count = new Int32Array(termNames.length * fieldCount);
    for (let doc = 0; doc < documentCount; doc += 1) {
      for (let f = 0; f < fieldCount; f += 1) {
        const slot = doc * fieldCount + f;
        for (let at = slotStart[slot] ?? 0; at < (slotStart[slot + 1] ?? 0); at += 2) {
          const cell = (position[pairData[at] ?? 0] ?? 0) * fieldCount + f;
          count[cell] = (count[cell] ?? 0) + 1;
        }
      }
    }
    /** Where each term's posting starts in `all`; each is `count, (docDelta, tf) × count` per field. */
    const termStart = new Int32Array(sortedTerms.length + 1);
    /** Next write position and previous document of each (term, field) list. */
    const cursor = new Int32Array(termNames.length * fieldCount);
    const previousDoc = new Int32Array(termNames.length * fieldCount);
    let size = 0;
    for (let t = 0; t < sortedTerms.length; t += 1) {
      termStart[t] = size;
      for (let f = 0; f < fieldCount; f += 1) {
        const cell = t * fieldCount + f;
        cursor[cell] = size + 1;
        size += 1 + 2 * (count[cell] ?? 0);
      }
    }
    termStart[sortedTerms.length] = size;
    const all = new Int32Array(size);
    for (let t = 0; t < sortedTerms.length; t += 1) {
      for (let f = 0; f < fieldCount; f += 1) {
        const cell = t * fieldCount + f;
        all[(cursor[cell] ?? 0) - 1] = count[cell] ?? 0;
      }
    }
    for (let doc = 0; doc < documentCount; doc += 1) {
      for (let f = 0; f < fieldCount; f += 1) {
        const slot = doc * fieldCount + f;
        const fieldLength = slotLength[slot] ?? 0;
        const boost = (fields[f] as DirectField).boost || 1;
        for (let at = slotStart[slot] ?? 0; at < (slotStart[slot + 1] ?? 0); at += 2) {
          const id = pairData[at] ?? 0;
          const tf = pairData[at + 1] ?? 0;
          // Stored: the frequency. Checked: that it gives a score Lunr could store (finite, Int32).
          const thousandths = scoreThousandths(idf[id] ?? 0, tf, fieldLength, averageLength[f] ?? 0, boost);
          if (!Number.isSafeInteger(thousandths) || Math.abs(thousandths) > 0x7fffffff)
            throw new Error(`index build: score ${thousandths / 1000} of "${termNames[id] ?? ''}" is out of range`);
          const cell = (position[id] ?? 0) * fieldCount + f;
          const write = cursor[cell] ?? 0;
          all[write] = doc - (previousDoc[cell] ?? 0);
          all[write + 1] = tf;
          cursor[cell] = write + 2;
          previousDoc[cell] = doc;
        }
      }
    }
    const postings = Array.from(sortedTerms, (_, t) => all.subarray(termStart[t] ?? 0, termStart[t + 1] ?? 0));

    const searchPipeline = new lunr.Pipeline();
    searchPipeline.add(...analyzer.functions);
    return {
      format: COMPACT_FORMAT,
      lunrVersion: lunr.version,
      fields: fields.map((field) => field.name),
      pipeline: searchPipeline.toJSON() as unknown as string[],
      refs: [...refs],
      terms: sortedTerms,
      termOrder: Int32Array.from(sortedTerms, (term) => termIds.get(term) as number),
      tokenSet: encodeTokenSet(lunr.TokenSet.fromArray(sortedTerms)),
      postings,
      fieldBoosts: fields.map((field) => field.boost || 1),
      averageFieldLengths: averageLength,
      fieldLengths: slotLength.slice(0, documentCount * fieldCount),
    };
  }
}
