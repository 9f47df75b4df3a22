import type { SearchFilters, SortOrder } from '../src-main/common/types';

/**
 * The fixed query set, written twice: once in this app's query language (Lunr
 * syntax plus quoted phrases) and once in SQLite FTS5 MATCH syntax for the
 * baseline. Every term occurs in the real corpus, so it occurs in the
 * generated documents, from very common (gobierno) to rare (espionaje).
 *
 * Translation rules (FTS5 has no stemming, no fuzzy matching and no boosts):
 * - bare words are all required (the app's default since every word must match), so two
 *   bare words become `a AND b`; `a OR b` stays `a OR b`;
 * - `+a -b` becomes `a NOT b`, `+a +b` becomes `a AND b`;
 * - `field:term` becomes a column filter `column:term` (tags are the `tags` column);
 * - `term*` stays a prefix query `term*`;
 * - `term~1` (fuzzy) becomes the correctly spelt term: what the person meant;
 * - `term^N` drops the boost; phrases stay quoted.
 * Accent folding is the tokenizer's job on both sides (`remove_diacritics 2`).
 */

export type QueryKind =
  | 'word'
  | 'accent-free'
  | 'two-words'
  | 'phrase'
  | 'field'
  | 'required-excluded'
  | 'wildcard'
  | 'fuzzy'
  | 'boost'
  | 'filter'
  | 'date-sort'
  | 'list-all';

export interface BenchQuery {
  id: string;
  kind: QueryKind;
  /** This app's query string. */
  lunr: string;
  /** FTS5 MATCH expression; null lists documents without full-text matching. */
  fts: string | null;
  filters?: SearchFilters;
  sort?: SortOrder;
}

const q = (
  kind: QueryKind,
  lunr: string,
  fts: string | null,
  extra: Pick<BenchQuery, 'filters' | 'sort'> = {},
): Omit<BenchQuery, 'id'> => ({
  kind,
  lunr,
  fts,
  ...extra,
});

const definitions: Array<Omit<BenchQuery, 'id'>> = [
  // Single words, most to least frequent in the corpus.
  q('word', 'gobierno', 'gobierno'),
  q('word', 'datos', 'datos'),
  q('word', 'transparencia', 'transparencia'),
  q('word', 'organizaciones', 'organizaciones'),
  q('word', 'periodistas', 'periodistas'),
  q('word', 'agua', 'agua'),
  q('word', 'corrupción', 'corrupción'),
  q('word', 'vigilancia', 'vigilancia'),
  q('word', 'espionaje', 'espionaje'),
  q('word', 'fotomultas', 'fotomultas'),
  // The same words typed without accents.
  q('accent-free', 'mexico', 'mexico'),
  q('accent-free', 'informacion', 'informacion'),
  q('accent-free', 'participacion', 'participacion'),
  q('accent-free', 'publica', 'publica'),
  q('accent-free', 'rendicion', 'rendicion'),
  // Two words (both must match: the app's default).
  q('two-words', 'sociedad civil', 'sociedad AND civil'),
  q('two-words', 'derechos humanos', 'derechos AND humanos'),
  q('two-words', 'libertad prensa', 'libertad AND prensa'),
  q('two-words', 'datos abiertos', 'datos AND abiertos'),
  // Phrases.
  q('phrase', '"gobierno abierto"', '"gobierno abierto"'),
  q('phrase', '"sociedad civil"', '"sociedad civil"'),
  q('phrase', '"plan de acción"', '"plan de acción"'),
  q('phrase', '"rendición de cuentas"', '"rendición de cuentas"'),
  // Fields.
  q('field', 'title:gobierno', 'title:gobierno'),
  q('field', 'title:datos', 'title:datos'),
  q('field', 'tag:transparencia', 'tags:transparencia'),
  q('field', 'tag:datos', 'tags:datos'),
  // Required and excluded terms.
  q('required-excluded', '+gobierno -abierto', 'gobierno NOT abierto'),
  q('required-excluded', '+datos +transparencia', 'datos AND transparencia'),
  q('required-excluded', '+alianza +sociedad -puebla', 'alianza AND sociedad NOT puebla'),
  // Wildcards (prefixes; FTS5 has no infix or suffix wildcard).
  q('wildcard', 'gobern*', 'gobern*'),
  q('wildcard', 'transpar*', 'transpar*'),
  q('wildcard', 'partici*', 'partici*'),
  // Fuzzy: misspellings a person makes.
  q('fuzzy', 'transparensia~1', 'transparencia'),
  q('fuzzy', 'goviernos~1', 'gobiernos'),
  q('fuzzy', 'espionage~1', 'espionaje'),
  // Boost.
  q('boost', 'title:agua^3 agua', 'agua'),
  // Filters.
  q('filter', 'transparencia', 'transparencia', { filters: { type: ['letter'] } }),
  q('filter', 'datos', 'datos', { filters: { year: [2017] } }),
  q('filter', 'gobierno', 'gobierno', { filters: { from: '2015', to: '2016-06' } }),
  q('filter', 'sociedad', 'sociedad', { filters: { tag: ['Transparencia'] } }),
  // Date order.
  q('date-sort', 'vigilancia', 'vigilancia', { sort: 'date' }),
  q('date-sort', 'gobierno abierto', 'gobierno OR abierto', { sort: 'date' }),
  // Listing without a query, filtered, newest first.
  q('list-all', '', null, { filters: { type: ['letter'] }, sort: 'date' }),
];

export const BENCH_QUERIES: readonly BenchQuery[] = definitions.map((definition, i) => ({
  id: `q${String(i + 1).padStart(2, '0')}`,
  ...definition,
}));

/** Words the FTS5 side searches for, lower-cased, without operators; prefix terms keep their `*`. */
export function queryTerms(query: BenchQuery): string[] {
  return (query.fts ?? '')
    .replace(/\b(?:title|tags):/g, ' ')
    .replace(/\b(?:OR|AND|NOT)\b/g, ' ')
    .replace(/"/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}
