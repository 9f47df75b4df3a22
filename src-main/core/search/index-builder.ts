import lunr from 'lunr';
import type { DocumentRecord } from '../../common/types';
import { createSpanishAnalyzer, tokenizeForIndex } from './analyzer';
import { compactIndex, decodeIndexHeader, encodeIndex, type StoredIndex, type StoredIndexParts } from './compact-index';
import { TermIndex } from './term-index';
import { INDEX_FIELD_NAMES, INDEX_FIELDS, fieldText, type IndexField } from './fields';

export type IndexableDocument = Pick<
  DocumentRecord,
  'id' | 'title' | 'description' | 'tags' | 'authors' | 'signatories' | 'category' | 'text'
>;

/**
 * Builds the Lunr index of a corpus and returns it in the stored form of compact-index.ts
 * (what the corpus database stores). Documents are added in id order so
 * the same input always gives the same JSON.
 * No position metadata is kept: snippets re-analyse the page's texts instead, which keeps
 * the stored index (and its load time) about half the size.
 */
export function buildSearchIndex(documents: readonly IndexableDocument[]): StoredIndex {
  return encodeIndex(compactIndex(buildLunrIndex(documents)));
}

/** The Lunr index itself (fields, boosts, Spanish pipeline), before serialisation. */
export function buildLunrIndex(documents: readonly IndexableDocument[]): lunr.Index {
  const analyzer = createSpanishAnalyzer();
  const sorted = [...documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = lunr(function build() {
    this.ref('id');
    for (const field of INDEX_FIELD_NAMES) {
      this.field(field, { boost: INDEX_FIELDS[field].boost });
    }
    (this as unknown as { tokenizer: typeof tokenizeForIndex }).tokenizer = tokenizeForIndex;
    // Indexing runs every token occurrence through the pipeline; Spanish text repeats a small
    // vocabulary (Zipf), so the memoised analyzer gives the same terms for a fraction of the
    // work. Only the search pipeline (the registered functions) is serialised with the index.
    const memoised = new lunr.Pipeline();
    (memoised as unknown as { run(tokens: lunr.Token[]): lunr.Token[] }).run = (tokens) => {
      const out: lunr.Token[] = [];
      for (const token of tokens) {
        const term = analyzer.analyzeWord(token.toString());
        if (term !== null) out.push((token.update as unknown as (fn: () => string) => lunr.Token)(() => term));
      }
      return out;
    };
    this.pipeline = memoised;
    this.searchPipeline.reset();
    this.searchPipeline.add(...analyzer.functions);
    for (const document of sorted) {
      const row: Record<IndexField | 'id', string> = {
        id: document.id,
        title: fieldText(document, 'title'),
        description: fieldText(document, 'description'),
        tags: fieldText(document, 'tags'),
        author: fieldText(document, 'author'),
        category: fieldText(document, 'category'),
        body: document.text,
      };
      this.add(row);
    }
  });
  return index;
}

/** The stored index parts read at open, plus a way to read one term's posting when a query needs it. */
export interface LoadableIndexParts extends StoredIndexParts {
  readPosting(term: number): Buffer | null;
  /** Every folded word form of the corpus (fuzzy clauses also match the words typed, see fuzzy-words.ts). */
  readWordForms?(): readonly string[];
}

/** Loads a stored index without rebuilding it: term list and refs now, postings on demand. */
export function loadSearchIndex(stored: LoadableIndexParts): TermIndex {
  createSpanishAnalyzer();
  const readWordForms = stored.readWordForms?.bind(stored);
  return new TermIndex(decodeIndexHeader(stored), (term) => stored.readPosting(term), readWordForms);
}
