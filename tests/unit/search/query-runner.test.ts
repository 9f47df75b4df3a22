import lunr from 'lunr';
import { beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../../src-main/core/import/index';
import type { ImportedDocument } from '../../../src-main/core/import/model';
import { createSpanishAnalyzer } from '../../../src-main/core/search/analyzer';
import { Coordination } from '../../../src-main/core/search/coordination';
import { loadSearchIndex } from '../../../src-main/core/search/index-builder';
import { buildLunrIndex, buildSearchIndex } from '../../support/reference-index';
import { parseQuery } from '../../../src-main/core/search/query';
import { matchedTerms, runQuery } from '../../../src-main/core/search/query-runner';
import type { TermIndex } from '../../../src-main/core/search/term-index';
import { BENCH_QUERIES } from '../../../bench/queries';
import { GOBIERNOFACIL, SEEDS } from './real-corpus';

/**
 * The query runner replaces `lunr.Index.query` (see query-runner.ts): on the real corpus, for
 * every query of the benchmark set and more, it must give the very hits, scores, matched
 * clauses and matched terms that Lunr's own query plus the coordination step gave before.
 */
const analyzer = createSpanishAnalyzer();
let documents: ImportedDocument[];
let reference: lunr.Index;
let index: TermIndex;

beforeAll(async () => {
  documents = (await importSources([SEEDS, GOBIERNOFACIL])).documents;
  reference = buildLunrIndex(documents);
  const stored = buildSearchIndex(documents);
  index = loadSearchIndex({ ...stored.parts, readPosting: (term) => stored.postings[term] ?? null });
});

interface Row {
  ref: string;
  score: number;
  matchedClauses: number;
  terms: string[];
}

function viaLunr(clauses: lunr.Query.Clause[]): Row[] {
  const results = reference.query((query) => {
    for (const clause of clauses) query.clauses.push({ ...clause, fields: [...clause.fields] });
  });
  const coordination = new Coordination(reference, clauses, analyzer);
  return results.map((result) => {
    const matched = coordination.applies ? coordination.matchedClauses(result.matchData) : 0;
    return {
      ref: result.ref,
      score: coordination.applies ? (result.score * matched) / coordination.positiveClauses : result.score,
      matchedClauses: matched,
      terms: Object.keys(result.matchData.metadata).sort(),
    };
  });
}

function viaRunner(clauses: lunr.Query.Clause[]): Row[] {
  const matches = runQuery(index, clauses, analyzer);
  const terms = matchedTerms(index, matches, [...matches.docs]);
  return [...matches.docs].map((doc, i) => ({
    ref: index.refs[doc] as string,
    score: matches.scores[i] as number,
    matchedClauses: matches.matchedClauses[i] as number,
    terms: [...(terms.get(doc) ?? [])].sort(),
  }));
}

/** The searcher's relevance order: matched clauses, then score, then (here) ref. */
const ranked = (rows: Row[]): Row[] =>
  [...rows].sort((a, b) => b.matchedClauses - a.matchedClauses || b.score - a.score || (a.ref < b.ref ? -1 : 1));

const extra = [
  'funcion publica',
  'espionaje -pegasus',
  '+gobierno +abierto datos',
  'title:gobierno^5 body:datos',
  'organizacion~1',
  '*cion',
  'gob*rno',
];
const queries = [...new Set([...BENCH_QUERIES.map((query) => query.lunr), ...extra])].filter((query) => query !== '');

describe('query runner = Lunr query + coordination, on the real corpus', () => {
  it.each(queries)('%s: same hits, scores, matched clauses and terms in the same order', (query) => {
    const parsed = parseQuery(query, analyzer);
    if (parsed.mode !== 'search') {
      expect(parsed.mode, query).toBe('all');
      return;
    }
    const expected = ranked(viaLunr(parsed.clauses));
    const actual = ranked(viaRunner(parsed.clauses));
    expect(actual.map((row) => row.ref)).toEqual(expected.map((row) => row.ref));
    actual.forEach((row, i) => {
      const want = expected[i] as Row;
      // Lunr adds a document's per-field scores in the order the fields first matched, the runner in
      // field order: with three or more fields the last bit may differ.
      expect(row.score).toBeCloseTo(want.score, 12);
      expect(row.matchedClauses).toBe(want.matchedClauses);
      // Lunr's coordination took a wildcard clause's term literally (never matched); the runner expands it.
      if (!/\*/.test(query)) expect(row.terms).toEqual(want.terms);
    });
  });

  it('finds something for most queries (the comparison is not vacuous)', () => {
    const nonEmpty = queries.filter((query) => {
      const parsed = parseQuery(query, analyzer);
      return parsed.mode === 'search' && runQuery(index, parsed.clauses, analyzer).docs.length > 0;
    });
    expect(nonEmpty.length).toBeGreaterThan(queries.length * 0.7);
    expect(viaRunner(parseQuery('espionaje', analyzer).clauses).length).toBeGreaterThanOrEqual(2);
  });
});
