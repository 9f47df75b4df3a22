import lunr from 'lunr';
import type { SpanishAnalyzer } from './analyzer';
import { expandsTerms, fieldsOf, presenceOf } from './lunr-clauses';

const { PROHIBITED } = lunr.Query.presence;

/** Lunr's own clause expansion (not in its type definitions). */
/** One positive query clause: the index terms it can match, in which fields. */
interface PositiveClause {
  terms: ReadonlySet<string>;
  fields: readonly string[];
}

/**
 * The reference coordination over Lunr's own match data. Searches run query-runner.ts, which
 * computes the same thing from postings; tests compare both (tests/unit/search/query-runner.test.ts).
 *
 * Coordination, like Lucene's classic `coord`: a hit's score is multiplied by the share of
 * the query's positive clauses it matched. Lunr alone adds up per-term scores, so a document
 * with many "función" can outrank one holding both "función" and "pública". The factor alone
 * does not guarantee the order (a 4× stronger one-word match still wins at ×0.5), so the
 * searcher also sorts by the number of matched clauses first: every document matching all
 * words comes before any matching fewer, and within a group the scaled score decides.
 *
 * Which clause a matched term belongs to is worked out the way Lunr expands clauses (search
 * pipeline, then wildcard/fuzzy expansion over the index's token set), once per query.
 */
export class Coordination {
  private readonly clauses: PositiveClause[];

  constructor(index: lunr.Index, clauses: readonly lunr.Query.Clause[], analyzer: SpanishAnalyzer) {
    const tokenSet = index.tokenSet;
    this.clauses = [];
    for (const clause of clauses) {
      if (presenceOf(clause) === PROHIBITED) continue;
      const analysed = clause.usePipeline ? analyzer.analyzeText(clause.term) : [clause.term];
      const terms = new Set<string>();
      for (const term of analysed) {
        if (!expandsTerms(clause)) {
          terms.add(term);
          continue;
        }
        const expansion = lunr.TokenSet.fromClause({ ...clause, term }).intersect(tokenSet);
        for (const expanded of expansion.toArray()) terms.add(expanded);
      }
      // A clause of stop words only can match nothing: it is not counted.
      if (analysed.length > 0) this.clauses.push({ terms, fields: fieldsOf(clause) });
    }
  }

  /** Whether the factor can change anything: only queries with two or more positive clauses. */
  get applies(): boolean {
    return this.clauses.length > 1;
  }

  get positiveClauses(): number {
    return this.clauses.length;
  }

  /** How many positive clauses one hit matched (the factor is this / positiveClauses). */
  matchedClauses(matchData: lunr.MatchData): number {
    const metadata = matchData.metadata as Record<string, Record<string, unknown> | undefined>;
    let matched = 0;
    for (const clause of this.clauses) {
      if (clauseMatched(clause, metadata)) matched += 1;
    }
    return matched;
  }
}

function clauseMatched(clause: PositiveClause, metadata: Record<string, Record<string, unknown> | undefined>): boolean {
  for (const term of clause.terms) {
    const byField = metadata[term];
    if (!byField) continue;
    if (clause.fields.length === 0) return true;
    for (const field of clause.fields) if (byField[field] !== undefined) return true;
  }
  return false;
}
