import lunr from 'lunr';
import { createSpanishAnalyzer, tokenizeForIndex } from '../../src-main/core/search/analyzer';
import * as z from 'zod';
import {
  COMPACT_FORMAT,
  encodeIndex,
  encodeTokenSet,
  type CompactIndex,
  type StoredIndex,
} from '../../src-main/core/search/compact-index';
import { inverseDocumentFrequency, scoreThousandths } from '../../src-main/core/search/posting-scores';
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

/** Lunr's serialisation (lunr.Index#toJSON), checked rather than assumed: compactIndex reads it field by field. */
const serialisedLunrSchema = z.object({
  version: z.string(),
  fields: z.array(z.string()),
  fieldVectors: z.array(z.tuple([z.string(), z.array(z.number())])),
  // Per term: `_index` (its vector dimension) and, per field, the postings' metadata by ref.
  invertedIndex: z.array(
    z.tuple([
      z.string(),
      z.record(z.string(), z.union([z.number(), z.record(z.string(), z.record(z.string(), z.unknown()))])),
    ]),
  ),
  pipeline: z.array(z.string()),
});

/**
 * What lunr.Builder knew when it scored the index and the index does not keep: the term
 * frequencies and lengths of every (field, document), keyed `field/ref`, and the field averages.
 */
export interface LunrBuildStatistics {
  fieldTermFrequencies: Readonly<Record<string, Readonly<Record<string, number>> | undefined>>;
  fieldLengths: Readonly<Record<string, number | undefined>>;
  averageFieldLength: Readonly<Record<string, number | undefined>>;
  fieldBoosts: Readonly<Record<string, number | undefined>>;
}

/**
 * Lunr's index turned into per-term postings of term frequencies (the reference the direct
 * builder is tested against). Every frequency is checked to give back Lunr's own score.
 */
export function compactIndex(index: lunr.Index, statistics: LunrBuildStatistics): CompactIndex {
  const serialised = serialisedLunrSchema.parse(index.toJSON());
  const { fields } = serialised;
  const fieldCount = fields.length;
  const refSet = new Set<string>();
  for (const [fieldRef] of serialised.fieldVectors) refSet.add(fieldRef.slice(fieldRef.indexOf('/') + 1));
  const refs = [...refSet].sort();
  const refPosition = new Map(refs.map((ref, i) => [ref, i]));
  const fieldPosition = new Map(fields.map((field, i) => [field, i]));

  const vectorOf = new Array<number[] | undefined>(refs.length * fieldCount);
  for (const [fieldRef, elements] of serialised.fieldVectors) {
    const slash = fieldRef.indexOf('/');
    const field = fieldPosition.get(fieldRef.slice(0, slash));
    const ref = refPosition.get(fieldRef.slice(slash + 1));
    if (field === undefined || ref === undefined)
      throw new Error(`search index vector names unknown field or document in ${fieldRef}`);
    vectorOf[ref * fieldCount + field] = elements;
  }

  const terms = serialised.invertedIndex.map(([term]) => term);
  const termOrder = Int32Array.from(
    serialised.invertedIndex.map(([term, posting]) => {
      if (typeof posting._index !== 'number') throw new Error(`search index term "${term}" has no vector dimension`);
      return posting._index;
    }),
  );
  const termByOrder = new Map<number, number>();
  termOrder.forEach((order, t) => termByOrder.set(order, t));
  const idf = serialised.invertedIndex.map(([, posting]) => {
    const slots = fields.reduce((sum, field) => sum + Object.keys(posting[field] ?? {}).length, 0);
    return inverseDocumentFrequency(slots, refs.length);
  });
  const fieldBoosts = fields.map((field) => statistics.fieldBoosts[field] ?? 1);
  const averageFieldLengths = fields.map((field) => statistics.averageFieldLength[field] ?? 0);
  const fieldLengths = new Int32Array(refs.length * fieldCount);

  // Per term and field: (ref position, term frequency) pairs, refs ascending (vectors visited in ref order).
  const lists: number[][][] = terms.map(() => fields.map(() => []));
  for (let ref = 0; ref < refs.length; ref += 1) {
    for (let field = 0; field < fieldCount; field += 1) {
      const elements = vectorOf[ref * fieldCount + field];
      // Lunr makes a vector for every field of every document, even an empty one.
      if (!elements) throw new Error(`search index lacks the ${fields[field]} vector of ${refs[ref]}`);
      const fieldRef = `${fields[field] ?? ''}/${refs[ref] ?? ''}`;
      const fieldLength = statistics.fieldLengths[fieldRef] ?? 0;
      fieldLengths[ref * fieldCount + field] = fieldLength;
      const frequencies = statistics.fieldTermFrequencies[fieldRef] ?? {};
      for (let i = 0; i < elements.length; i += 2) {
        const t = termByOrder.get(elements[i] ?? 0);
        if (t === undefined) throw new Error(`search index vector of ${refs[ref]} names unknown term ${elements[i]}`);
        const score = elements[i + 1] ?? 0;
        const tf = frequencies[terms[t] ?? ''] ?? 0;
        const thousandths = scoreThousandths(
          idf[t] ?? 0,
          tf,
          fieldLength,
          averageFieldLengths[field] ?? 0,
          fieldBoosts[field] ?? 1,
        );
        if (thousandths / 1000 !== score) {
          throw new Error(`search index score ${score} of ${fieldRef} is not what its term frequency ${tf} gives`);
        }
        listOf(lists, t, field).push(ref, tf);
      }
    }
  }

  const postings = serialised.invertedIndex.map(([term, posting], t) => {
    const out: number[] = [];
    fields.forEach((field, f) => {
      const byRef = posting[field] ?? {};
      const pairs = listOf(lists, t, f);
      if (typeof byRef === 'number') throw new Error(`search index posting of "${term}" in ${field} is not an object`);
      // The vectors and the inverted index must tell the same story; refuse to store anything else.
      if (Object.keys(byRef).length !== pairs.length / 2)
        throw new Error(`search index posting of "${term}" in ${field} disagrees with the vectors`);
      for (const metadata of Object.values(byRef)) {
        // Without a metadata whitelist Lunr stores nothing per posting; refuse to drop anything.
        if (Object.keys(metadata).length > 0)
          throw new Error('compactIndex supports indexes without posting metadata only');
      }
      out.push(pairs.length / 2);
      let previous = 0;
      for (let i = 0; i < pairs.length; i += 2) {
        out.push((pairs[i] ?? 0) - previous, pairs[i + 1] ?? 0);
        previous = pairs[i] ?? 0;
      }
    });
    return Int32Array.from(out);
  });

  return {
    format: COMPACT_FORMAT,
    lunrVersion: serialised.version,
    fields,
    pipeline: serialised.pipeline,
    refs,
    terms,
    termOrder,
    tokenSet: encodeTokenSet(index.tokenSet),
    postings,
    fieldBoosts,
    averageFieldLengths,
    fieldLengths,
  };
}

/** The (ref, frequency) list of term `t` in field `field` (every one is made before it is filled). */
function listOf(lists: readonly (readonly number[][])[], t: number, field: number): number[] {
  const list = lists[t]?.[field];
  if (!list) throw new Error(`search index has no list for term ${t} in field ${field}`);
  return list;
}
