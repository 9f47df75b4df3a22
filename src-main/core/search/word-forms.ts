/**
 * The corpus's vocabulary of folded word forms (the words as written, lower-cased and
 * accent-folded, not stemmed), each with the index terms its spellings stem to and the
 * documents holding it in any field.
 *
 * Why: the index terms are stems, and several questions are about the words themselves:
 * - prefix and wildcard clauses (`minero*`) expand over word forms: over stems, `minero*` met only
 *   stems that begin with `minero` (`minero` stems to `miner`) and found almost nothing;
 * - exact form first: among documents matched through a stem (`callejoneada` → `callejon`),
 *   those holding the word as typed rank first;
 * - a word typed without its accent (`acudio`) meets the stem of the accented form (`acudió` →
 *   `acud`), which the stemmer alone cannot see;
 * - fuzzy clauses and did-you-mean compare the words people type with words of the corpus.
 *
 * Stored one row per form (table `word_forms`): `terms` space-separated, `df` the number of
 * documents, `docs` their positions in id order as delta-encoded unsigned LEB128 varints
 * (compact, and decoded in one tight loop), long lists brotli-compressed behind a header byte
 * (search/packed-list.ts; a `WordFormSource` hands out `docs` unpacked).
 */

export interface WordFormRow {
  form: string;
  /** Index terms (space-separated) the form's spellings stem to. */
  terms: string;
  df: number;
  docs: Buffer;
}

/** Ascending non-negative integers as LEB128 varints of their differences (the first from 0). */
export function encodeAscending(values: ArrayLike<number>): Buffer {
  const out = Buffer.allocUnsafe(values.length * 5);
  let at = 0;
  let previous = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? 0;
    let delta = value - previous;
    if (delta < 0 || (i > 0 && delta === 0)) throw new Error('encodeAscending: values must strictly ascend');
    previous = value;
    while (delta >= 0x80) {
      out[at++] = (delta & 0x7f) | 0x80;
      delta >>>= 7;
    }
    out[at++] = delta;
  }
  return Buffer.from(out.subarray(0, at));
}

/** The values of encodeAscending; `count` when known (the row's df) sizes the array exactly. */
export function decodeAscending(data: Uint8Array, count?: number): Int32Array {
  const out = new Int32Array(count ?? data.length);
  let n = 0;
  let value = 0;
  for (let at = 0; at < data.length;) {
    let delta = 0;
    let shift = 0;
    let byte: number;
    do {
      if (at >= data.length || shift > 28)
        throw new Error('the stored word forms are inconsistent; rebuild the corpus');
      byte = data[at++] ?? 0;
      delta |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    value += delta;
    if (n >= out.length) throw new Error('the stored word forms are inconsistent; rebuild the corpus');
    out[n++] = value;
  }
  return n === out.length ? out : out.subarray(0, n);
}

/** What the query runner reads of the vocabulary (a corpus database answers it in SQL). */
export interface WordFormSource {
  /** One form's row, or null when no document holds it. */
  lookup(form: string): WordFormRow | null;
  /**
   * Forms matching a wildcard pattern (folded; `*` for any run of characters), most frequent
   * first, at most `limit` of them.
   */
  matching(pattern: string, limit: number): WordFormRow[];
  /** Every form, read afresh on each call (fuzzy matching reads them once and keeps them compactly). */
  all(): Iterable<string>;
}

/** The literal part of a wildcard pattern before its first `*`. */
export function literalPrefix(pattern: string): string {
  const star = pattern.indexOf('*');
  return star < 0 ? pattern : pattern.slice(0, star);
}
