/**
 * Lunr's BM25 score of one (term, document, field), computed from the term's frequency there.
 *
 * Why at read time: the stored postings (compact-index.ts, format lunr-compact-6) keep each
 * document's term frequency, a small number that is one byte and compresses well, instead of
 * the score × 1000 Lunr would store (two or three bytes of near-random digits each). The score
 * depends only on the frequency, the field's length in that document, the field's average
 * length, the field's boost and the term's document count, so it is recomputed exactly when a
 * posting is decoded: the very same expression as `lunr.Builder.createFieldVectors`, operation
 * for operation, gives the very same double, rounded to thousandths as Lunr rounds it.
 */

/** Lunr's BM25 parameters (lunr.Builder's defaults, which the app never changes). */
const K1 = 1.2;
const B = 0.75;

/** Lunr's inverse document frequency: `slotsWithTerm` = (document, field) pairs holding the term. */
export function inverseDocumentFrequency(slotsWithTerm: number, documentCount: number): number {
  const x = (documentCount - slotsWithTerm + 0.5) / (slotsWithTerm + 0.5);
  return Math.log(1 + Math.abs(x));
}

/** The part of Lunr's BM25 denominator that depends on the (document, field) only, not on the term. */
export function lengthNorm(fieldLength: number, averageFieldLength: number): number {
  return K1 * (1 - B + B * (fieldLength / averageFieldLength));
}

/** The score × 1000 (an integer) Lunr stores in a field vector, from the (document, field)'s lengthNorm. */
export function scoreFromNorm(idf: number, termFrequency: number, norm: number, boost: number): number {
  let score = (idf * ((K1 + 1) * termFrequency)) / (norm + termFrequency);
  score *= boost;
  return Math.round(score * 1000);
}

/** The score × 1000 (an integer) Lunr stores in a field vector for this term frequency. */
export function scoreThousandths(
  idf: number,
  termFrequency: number,
  fieldLength: number,
  averageFieldLength: number,
  boost: number,
): number {
  return scoreFromNorm(idf, termFrequency, lengthNorm(fieldLength, averageFieldLength), boost);
}

/** Every document's length in terms of every field, `d × fieldCount + f` (compact-index.ts). */
export type FieldLengths = Uint8Array | Uint16Array | Uint32Array;

/** What a posting's scores depend on besides its own numbers (the stored index header's statistics). */
export interface ScoringStatistics {
  documentCount: number;
  /** Per field, in index order. */
  fieldBoosts: readonly number[];
  averageFieldLengths: readonly number[];
  /** Read from the stored index on the first posting read (opening an archive reads no per-document data). */
  fieldLengths(): FieldLengths;
}

/**
 * Turns a decoded posting (per field: `count`, then `count` pairs of ref delta and term
 * frequency) into the in-memory form (the same with score × 1000 in place of the frequency), in place.
 * The posting must already be checked against the field and document counts.
 *
 * Each entry's lengthNorm is computed here, from its document's field length. Until schema 7 a
 * table of every (document, field)'s lengthNorm was built on the first posting read: a loop over
 * all of them in code not yet optimised, about a tenth of a fresh server's first search, where a
 * posting needs only its own entries' (a division more per entry, once per posting decoded).
 */
export function scorePosting(posting: Int32Array, statistics: ScoringStatistics): Int32Array {
  const fieldCount = statistics.fieldBoosts.length;
  let slotsWithTerm = 0;
  for (let f = 0, cursor = 0; f < fieldCount; f += 1) {
    const count = posting[cursor] ?? 0;
    slotsWithTerm += count;
    cursor += 1 + 2 * count;
  }
  const idf = inverseDocumentFrequency(slotsWithTerm, statistics.documentCount);
  const lengths = statistics.fieldLengths();
  let cursor = 0;
  for (let f = 0; f < fieldCount; f += 1) {
    const count = posting[cursor] ?? 0;
    const boost = statistics.fieldBoosts[f] || 1;
    const average = statistics.averageFieldLengths[f] ?? 0;
    let ref = 0;
    for (let at = cursor + 1; at < cursor + 1 + 2 * count; at += 2) {
      ref += posting[at] ?? 0;
      const norm = lengthNorm(lengths[ref * fieldCount + f] ?? 0, average);
      posting[at + 1] = scoreFromNorm(idf, posting[at + 1] ?? 0, norm, boost);
    }
    cursor += 1 + 2 * count;
  }
  return posting;
}
