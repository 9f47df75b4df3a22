import lunr from 'lunr';
import type { DocumentRecord } from '../../common/types';
import { createSpanishAnalyzer, tokenizeForIndex } from './analyzer';
import {
  compactIndex,
  decodeIndexHeader,
  encodeIndex,
  type LunrBuildStatistics,
  type StoredIndex,
  type StoredIndexParts,
} from './compact-index';
import { TermIndex } from './term-index';
import type { WordFormSource } from './word-forms';
import { buildCompactIndex, type DirectField } from './direct-builder';
import { createDocumentAnalyser, type DocumentAnalyser, type DocumentAnalysis } from './document-analysis';
import { INDEX_FIELD_NAMES, INDEX_FIELDS, fieldText, type IndexField } from './fields';

export type IndexableDocument = Pick<
  DocumentRecord,
  'id' | 'title' | 'description' | 'tags' | 'authors' | 'signatories' | 'category' | 'text'
>;

/**
 * Builds the search index of a corpus in the stored form of compact-index.ts (what the corpus
 * database stores), computed directly (direct-builder.ts: the same numbers `lunr.Builder`
 * gives, several times faster) from each document's analysis (document-analysis.ts: given when
 * the import computed it in its worker threads, else computed here). Documents are taken in id order so the same input always
 * gives the same index. No position metadata is kept in postings: snippets re-analyse the
 * page's texts, and phrases have their own word positions (phrase-positions.ts).
 */
export function buildSearchIndex(
  documents: readonly IndexableDocument[],
  analyses?: ReadonlyMap<string, DocumentAnalysis>,
): StoredIndex {
  const sorted = [...documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const fields: DirectField[] = INDEX_FIELD_NAMES.map((name) => ({ name, boost: INDEX_FIELDS[name].boost }));
  let analyse: DocumentAnalyser | null = null;
  const fieldTerms = sorted.map((document) => {
    const given = analyses?.get(document.id);
    if (given) return given.fields;
    analyse ??= createDocumentAnalyser();
    return analyse(document).fields;
  });
  return encodeIndex(
    buildCompactIndex(
      sorted.map((document) => document.id),
      fields,
      fieldTerms,
    ),
  );
}

/** The same index through `lunr.Builder` (the reference the direct builder is tested against). */
export function buildSearchIndexWithLunr(documents: readonly IndexableDocument[]): StoredIndex {
  const { index, statistics } = buildLunrIndexWithStatistics(documents);
  return encodeIndex(compactIndex(index, statistics));
}

/** The Lunr index itself (fields, boosts, Spanish pipeline), before serialisation. */
export function buildLunrIndex(documents: readonly IndexableDocument[]): lunr.Index {
  return buildLunrIndexWithStatistics(documents).index;
}

/** The Lunr index and what its builder scored it from (compact-index.ts stores frequencies). */
function buildLunrIndexWithStatistics(documents: readonly IndexableDocument[]): {
  index: lunr.Index;
  statistics: LunrBuildStatistics;
} {
  const analyzer = createSpanishAnalyzer();
  const sorted = [...documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const captured: { builder?: lunr.Builder } = {};
  const index = lunr(function build() {
    captured.builder = this;
    this.ref('id');
    for (const field of INDEX_FIELD_NAMES) {
      this.field(field, { boost: INDEX_FIELDS[field].boost });
    }
    // Lunr's tokenizer is a function with a `separator` field; the index build replaces the function.
    Object.assign(this, { tokenizer: tokenizeForIndex });
    // Indexing runs every token occurrence through the pipeline; Spanish text repeats a small
    // vocabulary (Zipf), so the memoised analyzer gives the same terms for a fraction of the
    // work. Only the search pipeline (the registered functions) is serialised with the index.
    const memoised = new lunr.Pipeline();
    memoised.run = (tokens) => {
      const out: lunr.Token[] = [];
      for (const token of tokens) {
        const term = analyzer.analyzeWord(token.toString());
        if (term !== null) out.push(token.update(() => term));
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
  const { builder } = captured;
  if (!builder) throw new Error('lunr did not run the index configuration');
  const fieldBoosts = Object.fromEntries(INDEX_FIELD_NAMES.map((field) => [field, INDEX_FIELDS[field].boost]));
  return {
    index,
    statistics: {
      fieldTermFrequencies: builder.fieldTermFrequencies,
      fieldLengths: builder.fieldLengths,
      averageFieldLength: builder.averageFieldLength,
      fieldBoosts,
    },
  };
}

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
