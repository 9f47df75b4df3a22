import lunr from 'lunr';
import { LRUCache } from 'lru-cache';
import { decodePosting, type IndexHeader } from './compact-index';
import { FuzzyWords } from './fuzzy-words';
import type { WordFormSource } from './word-forms';
import { expandsTerms } from './lunr-clauses';
import { indexInSorted } from './sorted-strings';
import { termsAcceptedBy } from './sorted-terms-automaton';

/**
 * Bytes of decoded postings kept for the next queries. Bounded in bytes, not entries: a common
 * term's posting at 10,000 documents is 100-160 kB, and 256 of them (the former bound) could
 * hold 40 MB. 4 MB made multi-word queries of the benchmark decode their postings again (CPU
 * p95 x2); 16 MB keeps the common terms of the 44-query mix.
 */
const POSTING_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * The loaded search index: terms, document refs, and each term's posting read from the
 * database the first time a query needs it (see compact-index.ts for the format). Opening
 * reads only the term list and refs; wildcard and fuzzy clauses are expanded over the sorted
 * term list (the stored token set is not decoded).
 */
export class TermIndex {
  readonly fields: readonly string[];
  readonly refs: readonly string[];
  readonly terms: readonly string[];
  /** Lunr's vector dimension of each term (see compact-index.ts). */
  readonly termOrder: Int32Array;
  private readonly fieldPosition = new Map<string, number>();
  private readonly postings = new LRUCache<number, Int32Array>({
    maxSize: POSTING_CACHE_BYTES,
    sizeCalculation: (posting) => Math.max(1, posting.byteLength),
  });
  /** The corpus's folded word forms for fuzzy clauses (see fuzzy-words.ts), when the store has them. */
  readonly fuzzyWords: FuzzyWords | null;

  /**
   * @param forms the vocabulary of folded word forms (word-forms.ts), when the store has one:
   *   wildcards, exact-form ranking and accent-free queries use it. Without it, queries run
   *   exactly as Lunr runs them (the reference tests compare both that way).
   */
  constructor(
    private readonly header: IndexHeader,
    private readonly readPosting: (term: number) => Buffer | null,
    readonly forms: WordFormSource | null = null,
  ) {
    this.fuzzyWords = forms ? new FuzzyWords(() => forms.all()) : null;
    this.fields = header.fields;
    this.refs = header.refs;
    this.terms = header.terms;
    this.termOrder = header.termOrder;
    header.fields.forEach((field, i) => this.fieldPosition.set(field, i));
  }

  /**
   * A term's position, by binary search over the sorted terms (sorted by code unit, the order of
   * `<`): no map of every term to build when an archive opens.
   */
  termId(term: string): number | undefined {
    const id = indexInSorted(this.terms, term);
    return id < 0 ? undefined : id;
  }

  fieldId(field: string): number | undefined {
    return this.fieldPosition.get(field);
  }

  /**
   * The index terms one analysed clause term stands for, as Lunr expands it: itself when it is
   * an index term, or every index term its wildcard / edit distance admits (in term order).
   * The clause's token set is walked over the sorted terms (sorted-terms-automaton.ts) instead
   * of being intersected with a token set of every term, which is never built.
   */
  expand(clause: lunr.Query.Clause, term: string): number[] {
    const expands = expandsTerms(clause) || term.includes('*');
    if (!expands) {
      const id = this.termId(term);
      return id === undefined ? [] : [id];
    }
    return termsAcceptedBy(lunr.TokenSet.fromClause({ ...clause, term }), this.terms);
  }

  /** The posting of a term: per field, `count` then (ref delta, score × 1000) pairs. */
  posting(term: number): Int32Array {
    const cached = this.postings.get(term);
    if (cached) return cached;
    const blob = this.readPosting(term);
    if (!blob)
      throw new Error(`the stored search index lacks the posting of "${this.terms[term]}"; rebuild the corpus`);
    const posting = decodePosting(blob, this.header);
    this.postings.set(term, posting);
    return posting;
  }

  /** Where field `field`'s part of a posting starts (its count) in the posting array. */
  fieldStart(posting: Int32Array, field: number): number {
    let cursor = 0;
    for (let f = 0; f < field; f += 1) cursor += 1 + 2 * (posting[cursor] ?? 0);
    return cursor;
  }
}
