import lunr from 'lunr';
import { createSpanishAnalyzer } from './analyzer';
import type { FieldTerms } from './document-analysis';
import { COMPACT_FORMAT, encodeTokenSet, type CompactIndex } from './compact-index';

/**
 * Builds the stored index (compact-index.ts) directly, computing what `lunr.Builder` computes
 * (same tokens, same memoised Spanish pipeline, same BM25 with k1 = 1.2, b = 0.75, same
 * rounding to thousandths, same term numbering in first-seen order, same token set), without
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

const K1 = 1.2;
const B = 0.75;

/** Growable Int32 storage (term ids, frequencies) without per-element JS objects. */
class IntList {
  data: Int32Array;
  length = 0;
  /** Small by default: there is one list per (term, field), most of them short. */
  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

export function buildCompactIndex(refs: readonly string[], fields: readonly DirectField[], analyses: ReadonlyArray<readonly FieldTerms[]>): CompactIndex {
  const analyzer = createSpanishAnalyzer();
  const fieldCount = fields.length;
  const documentCount = refs.length;
  if (analyses.length !== documentCount) throw new Error(`index build: ${analyses.length} analyses for ${documentCount} documents`);
  const termIds = new Map<string, number>();
  const termNames: string[] = [];
  /** Per (document, field) slot: where its (term, tf) pairs start in `pairs`, and its length in terms. */
  const slotStart = new Int32Array(documentCount * fieldCount + 1);
  const slotLength = new Int32Array(documentCount * fieldCount);
  const pairs = new IntList(1 << 16);
  /** Per term: number of (document, field) slots holding it (Lunr's idf counts per field). */
  const slotsWithTerm = new IntList(1 << 12);
  const lengthSums = new Float64Array(fieldCount);

  analyses.forEach((byField, doc) => {
    for (let f = 0; f < fieldCount; f += 1) {
      const field = byField[f];
      if (!field) throw new Error(`index build: document ${refs[doc]} has no analysis of field ${fields[f]?.name}`);
      const slot = doc * fieldCount + f;
      slotStart[slot] = pairs.length;
      // Terms come in first-occurrence order: numbering them on first sight here gives Lunr's
      // numbering (documents in ref order, fields in index order, tokens in text order).
      field.terms.forEach((term, i) => {
        let id = termIds.get(term);
        if (id === undefined) {
          id = termNames.length;
          termIds.set(term, id);
          termNames.push(term);
          slotsWithTerm.push(0);
        }
        pairs.push(id);
        pairs.push(field.counts[i] as number);
        slotsWithTerm.data[id] = (slotsWithTerm.data[id] as number) + 1;
      });
      slotLength[slot] = field.length;
      lengthSums[f] = (lengthSums[f] as number) + field.length;
    }
  });
  slotStart[documentCount * fieldCount] = pairs.length;

  const averageLength = Array.from(lengthSums, (sum) => sum / documentCount);
  const idf = new Float64Array(termNames.length);
  for (let id = 0; id < termNames.length; id += 1) {
    const withTerm = slotsWithTerm.data[id] as number;
    const x = (documentCount - withTerm + 0.5) / (withTerm + 0.5);
    idf[id] = Math.log(1 + Math.abs(x));
  }

  // Postings in sorted term order (Lunr's serialisation order); `termOrder` keeps Lunr's numbering.
  const sortedTerms = [...termNames].sort();
  const position = new Int32Array(termNames.length);
  sortedTerms.forEach((term, t) => {
    position[termIds.get(term) as number] = t;
  });
  const lists: IntList[][] = sortedTerms.map(() => fields.map(() => new IntList()));
  for (let doc = 0; doc < documentCount; doc += 1) {
    for (let f = 0; f < fieldCount; f += 1) {
      const slot = doc * fieldCount + f;
      const fieldLength = slotLength[slot] as number;
      const boost = (fields[f] as DirectField).boost || 1;
      for (let at = slotStart[slot] as number; at < (slotStart[slot + 1] as number); at += 2) {
        const id = pairs.data[at] as number;
        const tf = pairs.data[at + 1] as number;
        // Lunr's expression, operation for operation, so the doubles are the same.
        let score = ((idf[id] as number) * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (fieldLength / (averageLength[f] as number))) + tf);
        score *= boost;
        const thousandths = Math.round(score * 1000);
        const list = lists[position[id] as number]?.[f] as IntList;
        list.push(doc);
        list.push(thousandths);
      }
    }
  }
  const postings = lists.map((byField) => {
    let size = 0;
    for (const list of byField) size += 1 + list.length;
    const out = new Int32Array(size);
    let at = 0;
    for (const list of byField) {
      out[at++] = list.length / 2;
      let previous = 0;
      for (let i = 0; i < list.length; i += 2) {
        out[at++] = (list.data[i] as number) - previous;
        out[at++] = list.data[i + 1] as number;
        previous = list.data[i] as number;
      }
    }
    return out;
  });

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
    tokenSet: encodeTokenSet((lunr.TokenSet as unknown as { fromArray(words: string[]): lunr.TokenSet }).fromArray(sortedTerms)),
    postings,
  };
}
