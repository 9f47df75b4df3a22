import lunr from 'lunr';
import { createSpanishAnalyzer, tokenizeForIndex } from '../../src-main/core/search/analyzer';
import {
  compactIndex,
  encodeIndex,
  type LunrBuildStatistics,
  type StoredIndex,
} from '../../src-main/core/search/compact-index';
import { buildCompactIndex, type DirectField } from '../../src-main/core/search/direct-builder';
import { createDocumentAnalyser } from '../../src-main/core/search/document-analysis';
import { INDEX_FIELD_NAMES, INDEX_FIELDS, fieldText, type IndexField } from '../../src-main/core/search/fields';
import type { IndexableDocument } from '../../src-main/core/search/index-builder';

/**
 * Search indexes built in memory for tests, outside the app: the corpus writer builds the stored
 * index while it writes a database, and nothing in the app needs an index of a loose list of
 * documents, nor Lunr's own builder, which is only the reference the direct builder is checked
 * against (same terms, numbering, scores and token set).
 */

function inIdOrder(documents: readonly IndexableDocument[]): IndexableDocument[] {
  return [...documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The stored index of these documents, as the direct builder computes it (what a corpus stores). */
export function buildSearchIndex(documents: readonly IndexableDocument[]): StoredIndex {
  const sorted = inIdOrder(documents);
  const fields: DirectField[] = INDEX_FIELD_NAMES.map((name) => ({ name, boost: INDEX_FIELDS[name].boost }));
  const analyse = createDocumentAnalyser();
  return encodeIndex(
    buildCompactIndex(
      sorted.map((document) => document.id),
      fields,
      sorted.map((document) => analyse(document).fields),
    ),
  );
}

/** The same stored index through `lunr.Builder`. */
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
  const captured: { builder?: lunr.Builder } = {};
  const index = lunr(function build() {
    captured.builder = this;
    this.ref('id');
    for (const field of INDEX_FIELD_NAMES) this.field(field, { boost: INDEX_FIELDS[field].boost });
    // Lunr's tokenizer is a function with a `separator` field; the index build replaces the function.
    Object.assign(this, { tokenizer: tokenizeForIndex });
    // Every token goes through the memoised analyzer (as the direct builder's analysis does); only
    // the search pipeline (the registered functions) is serialised with the index.
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
    for (const document of inIdOrder(documents)) {
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
