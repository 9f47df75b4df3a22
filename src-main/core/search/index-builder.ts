import type { DocumentRecord } from '../../common/types';
import { createSpanishAnalyzer } from './analyzer';
import { decodeIndexHeader, type StoredIndexParts } from './compact-index';
import { TermIndex } from './term-index';
import type { WordFormSource } from './word-forms';

export type IndexableDocument = Pick<
  DocumentRecord,
  'id' | 'title' | 'description' | 'tags' | 'authors' | 'signatories' | 'category' | 'text'
>;

/** The stored index parts read at open, plus a way to read one term's posting when a query needs it. */
export interface LoadableIndexParts extends StoredIndexParts {
  readPosting(term: number): Buffer | null;
  /** The corpus's folded word forms (word-forms.ts): wildcards, exact forms, accent-free and fuzzy words. */
  wordForms?: WordFormSource;
}

/** Loads a stored index without rebuilding it: term list and refs now, postings on demand. */
export function loadSearchIndex(stored: LoadableIndexParts): TermIndex {
  createSpanishAnalyzer();
  return new TermIndex(decodeIndexHeader(stored), (term) => stored.readPosting(term), stored.wordForms ?? null);
}
