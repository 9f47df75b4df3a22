import lunr from 'lunr';
import { WORD_PATTERN, type SpanishAnalyzer } from './analyzer';
import type { TermIndex } from './term-index';
import { decodeAscending } from './word-forms';
import { editDistanceOf, fieldsOf, presenceOf, wildcardFlags } from './lunr-clauses';

const { REQUIRED, PROHIBITED } = lunr.Query.presence;

/**
 * Runs Lunr query clauses over the TermIndex, with Lunr's semantics and scores, plus
 * coordination.
 *
 * Why not `lunr.Index.query`: it scores every matched (field, document) by a dot product with
 * the document's whole field vector, so a query matching most of 10,000 documents decoded and
 * walked millions of vector elements (p95 243 ms, 695 MB). A dot product with the query vector
 * only uses the query's terms, and each term's posting stores the document's vector element
 * for it, so here each field's dot products are accumulated term at a time over the query
 * terms' postings, in Lunr's vector order (ascending dimension), divided by the query
 * vector's magnitude, and summed over fields: the same numbers as Lunr's (tests compare both on
 * the real corpus), at a cost proportional to the query terms' postings.
 *
 * What is reproduced of Lunr's `Index.prototype.query` (lunr 2.3):
 * - each clause's term runs through the search pipeline (unless `usePipeline` is false), then
 *   is expanded over the token set (wildcards, edit distance);
 * - a required clause restricts matches to documents holding one of its terms in one of its
 *   fields; a required term that expands to nothing makes the whole query match nothing;
 * - prohibited clauses remove documents, never score; a query of prohibited clauses only
 *   matches every other document with score 0;
 * - the query vector of a field adds `boost` per (clause, expanded term) naming that field.
 *
 * Coordination (like Lucene's classic `coord`): a hit's score is multiplied by the share of
 * the query's positive clauses it matched, and the searcher sorts by that number first, so
 * every document matching all words comes before any matching fewer. A clause of stop words
 * only is not counted.
 */

export interface QueryMatches {
  /** Ref positions of the matching documents, ascending. */
  docs: Int32Array;
  /** Score of each match (coordinated), parallel to `docs`. */
  scores: Float64Array;
  /** Positive clauses each match matched (0 when coordination does not apply). */
  matchedClauses: Uint8Array;
  /**
   * Positive clauses whose word, as typed (folded), each match holds: among documents matched
   * through a stem, those with the very word rank first (the searcher sorts on it after
   * `matchedClauses`). All 0 without a vocabulary of word forms.
   */
  exactClauses: Uint8Array;
  /** (term id, field id) pairs of the positive clauses: what "matched terms" are looked up in. */
  positivePairs: ReadonlyArray<readonly [number, number]>;
  /** Some expansion was cut to the query budget (see QUERY_BUDGET): the answer is partial. */
  budgetExceeded: boolean;
  /** The deadline passed before every clause was expanded; the later clauses were left out (partial). */
  timedOut: boolean;
}

/**
 * Work one query may do, like Elasticsearch's `max_expansions` and Lucene's `max_clause_count`:
 * a wildcard or fuzzy clause expands to at most `perClause` terms (the most frequent word forms
 * first), the whole query to at most `total`. Past it the query answers with what it has and
 * says so (`budgetExceeded`): `*a* *e* *o* *i*` expanded to most of the vocabulary and took
 * seconds. Phrases have their own budget (query.ts, MAX_PHRASES).
 */
export const QUERY_BUDGET = { perClause: 64, total: 256 } as const;

/** Fuzzy clauses of one query that also match word forms as typed (see fuzzy-words.ts). */
const MAX_WORD_FORM_FUZZY = 4;

/** Thrown where Lunr itself fails (a required clause of stop words only): the archive retries literally. */
/**
 * A query the parser accepted but that cannot be run as written (a required stop word, an
 * unknown field): the archive searches its words literally instead, and says so. Every other
 * error during a search is a bug or a damaged index and propagates.
 */
export class UnrunnableQuery extends Error {}

/** One positive clause for coordination: its (term, field) pairs, and the documents its words allow. */
interface CountedClause {
  pairs: Array<readonly [number, number]>;
  /** Documents holding a form the clause's wildcard matched (null: no restriction). */
  filter: Uint8Array | null;
}

/** A clause's expansion: index terms, and for wildcards the documents holding a matched form. */
interface Expansion {
  terms: number[];
  filter: Uint8Array | null;
  /** Documents holding the clause's word as typed (exact form), or null. */
  exact: Uint8Array | null;
  /** Whether the clause analysed to any term at all (a clause of stop words only does not count). */
  analysed: boolean;
}

/**
 * @param deadline `performance.now()` past which no further clause is expanded (a clause's
 *   expansion and postings are the costly part of a pathological query): the clauses left out
 *   make the answer partial (`timedOut`).
 */
export function runQuery(
  index: TermIndex,
  clauses: readonly lunr.Query.Clause[],
  analyzer: SpanishAnalyzer,
  deadline = Number.POSITIVE_INFINITY,
): QueryMatches {
  const documentCount = index.refs.length;
  const fieldCount = index.fields.length;
  /** Per field: term id -> summed boosts (the query vector). */
  const queryVectors: ReadonlyArray<Map<number, number>> = index.fields.map(() => new Map<number, number>());
  const positivePairs: Array<readonly [number, number]> = [];
  const seenPair = new Set<number>();
  const requiredSets: Uint8Array[] = [];
  const requiredFields = new Set<number>();
  let prohibited: Uint8Array | null = null;
  let matchesNothing = false;
  /** Per positive counted clause: its (term, field) pairs. */
  const coordinationClauses: CountedClause[] = [];
  /** Terms that only count in some documents (from wildcard clauses); absent = everywhere. */
  const termFilters = new Map<number, Uint8Array | null>();
  const scratch = scratchFor(index);
  const exactCounts = scratch.exactCounts.fill(0);
  const budget: { left: number; exceeded: boolean } = { left: QUERY_BUDGET.total, exceeded: false };

  let fuzzyClausesSeen = 0;
  let timedOut = false;
  for (const clause of clauses) {
    if (performance.now() > deadline) {
      timedOut = true;
      break;
    }
    const presence = presenceOf(clause);
    const fieldIds = fieldsOf(clause).map((field) => {
      const id = index.fieldId(field);
      if (id === undefined) throw new UnrunnableQuery(`unknown field "${field}"`);
      return id;
    });
    const fuzzy = editDistanceOf(clause) > 0;
    const expansion = expandClause(index, clause, analyzer, budget, fuzzy && fuzzyClausesSeen++ < MAX_WORD_FORM_FUZZY);
    if (presence === REQUIRED && !expansion.analysed) {
      // Lunr intersects this field's required set with the clause's (empty) matches, and
      // fails when no earlier required clause named the field; the archive then searches
      // the words literally. Same outcome here.
      for (const field of fieldIds)
        if (!requiredFields.has(field)) throw new UnrunnableQuery('a required term is a stop word');
      matchesNothing = true;
      continue;
    }
    if (expansion.terms.length === 0 && presence === REQUIRED && budget.left <= 0 && budget.exceeded) {
      // Nothing of the budget was left for this clause (every word is required by default):
      // it is left out rather than emptying the answer, which the budget notice calls partial.
      continue;
    }
    if (expansion.terms.length === 0 && presence === REQUIRED) {
      for (const field of fieldIds) requiredFields.add(field);
      matchesNothing = true;
      continue;
    }
    const clauseMatches = presence === REQUIRED ? new Uint8Array(documentCount) : null;
    const clausePairs: Array<readonly [number, number]> = [];
    for (const termId of expansion.terms) {
      if (presence !== PROHIBITED) restrictTerm(termFilters, termId, expansion.filter);
      for (const field of fieldIds) {
        if (clauseMatches) {
          requiredFields.add(field);
          markDocuments(index, termId, field, clauseMatches, expansion.filter);
        }
        if (presence === PROHIBITED) {
          prohibited ??= new Uint8Array(documentCount);
          markDocuments(index, termId, field, prohibited, expansion.filter);
          continue;
        }
        // fieldIds come from index.fieldId: every one has its vector.
        const vector = queryVectors[field];
        vector?.set(termId, (vector.get(termId) ?? 0) + clause.boost);
        clausePairs.push([termId, field]);
        const key = termId * fieldCount + field;
        if (!seenPair.has(key)) {
          seenPair.add(key);
          positivePairs.push([termId, field]);
        }
      }
    }
    if (clauseMatches) requiredSets.push(clauseMatches);
    if (presence !== PROHIBITED && expansion.analysed) {
      coordinationClauses.push({ pairs: clausePairs, filter: expansion.filter });
      const exact = expansion.exact;
      if (exact)
        for (let doc = 0; doc < documentCount; doc += 1) exactCounts[doc] = (exactCounts[doc] ?? 0) + (exact[doc] ?? 0);
    }
  }

  const empty: QueryMatches = {
    docs: new Int32Array(0),
    scores: new Float64Array(0),
    matchedClauses: new Uint8Array(0),
    exactClauses: new Uint8Array(0),
    positivePairs,
    budgetExceeded: budget.exceeded,
    timedOut,
  };
  if (matchesNothing) return empty;

  const negated = clauses.every((clause) => presenceOf(clause) === PROHIBITED);
  const allowed = intersectAll(requiredSets, documentCount);
  const isAllowed = (doc: number): boolean =>
    (allowed === null || allowed[doc] === 1) && (prohibited === null || prohibited[doc] === 0);

  if (negated) {
    const docs: number[] = [];
    for (let doc = 0; doc < documentCount; doc += 1) if (isAllowed(doc)) docs.push(doc);
    return {
      docs: Int32Array.from(docs),
      scores: new Float64Array(docs.length),
      matchedClauses: new Uint8Array(docs.length),
      exactClauses: new Uint8Array(docs.length),
      positivePairs,
      budgetExceeded: budget.exceeded,
      timedOut,
    };
  }

  // Reused across queries (dot is zeroed as it is read; totals are written before being read).
  const { totals, dot } = scratch;
  const hit = scratch.hit.fill(0);
  const touched = scratch.touched.fill(0);
  for (const [field, vector] of queryVectors.entries()) {
    if (vector.size === 0) continue;
    // Lunr's vectors keep elements sorted by dimension; its dot product and magnitude add in that order.
    const elements = [...vector].sort((a, b) => (index.termOrder[a[0]] ?? 0) - (index.termOrder[b[0]] ?? 0));
    let sumOfSquares = 0;
    for (const [, weight] of elements) sumOfSquares += weight * weight;
    const magnitude = Math.sqrt(sumOfSquares);
    let touchedCount = 0;
    for (const [termId, weight] of elements) {
      const filter = termFilters.get(termId) ?? null;
      forEachPosting(index, termId, field, (doc, scoreTimes1000) => {
        if (!isAllowed(doc) || (filter !== null && filter[doc] !== 1)) return;
        if (touched[doc] !== field + 1) {
          touched[doc] = field + 1;
          touchedCount += 1;
        }
        dot[doc] = (dot[doc] ?? 0) + weight * (scoreTimes1000 / 1000);
      });
    }
    if (touchedCount === 0) continue;
    for (let doc = 0; doc < documentCount; doc += 1) {
      if (touched[doc] !== field + 1) continue;
      const similarity = (dot[doc] ?? 0) / magnitude || 0;
      totals[doc] = hit[doc] === 1 ? (totals[doc] ?? 0) + similarity : similarity;
      hit[doc] = 1;
      dot[doc] = 0;
    }
  }

  const matched = countMatchedClauses(index, coordinationClauses, scratch);
  const applies = coordinationClauses.length > 1;
  let matchCount = 0;
  for (let doc = 0; doc < documentCount; doc += 1) matchCount += hit[doc] ?? 0;
  const docs = new Int32Array(matchCount);
  const scores = new Float64Array(matchCount);
  const matchedClauses = new Uint8Array(matchCount);
  const exactClauses = new Uint8Array(matchCount);
  for (let doc = 0, i = 0; doc < documentCount; doc += 1) {
    if (hit[doc] !== 1) continue;
    docs[i] = doc;
    exactClauses[i] = exactCounts[doc] ?? 0;
    if (applies) {
      const clausesMatched = matched[doc] ?? 0;
      scores[i] = ((totals[doc] ?? 0) * clausesMatched) / coordinationClauses.length;
      matchedClauses[i] = clausesMatched;
    } else {
      scores[i] = totals[doc] ?? 0;
    }
    i += 1;
  }
  return {
    docs,
    scores,
    matchedClauses,
    exactClauses,
    positivePairs,
    budgetExceeded: budget.exceeded,
    timedOut,
  };
}

/**
 * The index terms one clause stands for.
 * - Wildcard, with a vocabulary of word forms: the forms matching the pattern (most frequent
 *   first, within the budget), their stems, and the documents holding those forms (the stems'
 *   postings count only there: `minero*` must not match a document that only says `minera`).
 * - Fuzzy: Lunr's expansion over the stems, plus the stems of word forms near the typed word.
 * - A plain word: its stem, plus (with a vocabulary) the stems of the accented spellings that
 *   fold to the word as typed (`acudio` → `acudió` → `acud`), and the documents holding it.
 * Without a vocabulary, exactly Lunr's expansion (pipeline, then the token set).
 */
function expandClause(
  index: TermIndex,
  clause: lunr.Query.Clause,
  analyzer: SpanishAnalyzer,
  budget: { left: number; exceeded: boolean },
  wordFormFuzzy: boolean,
): Expansion {
  const forms = index.forms;
  const wildcard = clause.term.includes('*') || wildcardFlags(clause) !== 0;
  if (wildcard && forms) {
    const pattern = wildcardPattern(clause, analyzer);
    if (pattern === null) return { terms: [], filter: null, exact: null, analysed: false };
    const limit = Math.min(QUERY_BUDGET.perClause, budget.left);
    const rows = forms.matching(pattern, limit + 1);
    if (rows.length > limit) {
      budget.exceeded = true;
      rows.length = limit;
    }
    budget.left -= rows.length;
    const filter = new Uint8Array(index.refs.length);
    const terms = new Set<number>();
    for (const row of rows) {
      for (const term of row.terms.split(' ')) {
        const id = index.termId(term);
        if (id !== undefined) terms.add(id);
      }
      for (const doc of decodeAscending(row.docs, row.df)) filter[doc] = 1;
    }
    return { terms: [...terms], filter, exact: null, analysed: true };
  }

  const analysedTerms = clause.usePipeline ? analyzer.analyzeText(clause.term) : [clause.term];
  const fuzzy = editDistanceOf(clause) > 0;
  if (wildcard || fuzzy) {
    const typedNear = wordFormFuzzy ? wordFormExpansion(index, clause, analyzer) : [];
    const ids = new Set<number>();
    for (const [m, term] of analysedTerms.entries()) {
      for (const id of index.expand(clause, term)) ids.add(id);
      if (m === 0) for (const id of typedNear) ids.add(id);
    }
    return { terms: spend(budget, [...ids]), filter: null, exact: null, analysed: analysedTerms.length > 0 };
  }

  const ids = new Set<number>();
  for (const term of analysedTerms) {
    const id = index.termId(term);
    if (id !== undefined) ids.add(id);
  }
  let exact: Uint8Array | null = null;
  if (forms && clause.usePipeline && analysedTerms.length > 0) {
    for (const [word] of clause.term.normalize('NFC').matchAll(WORD_PATTERN)) {
      if (analyzer.analyzeWord(word) === null) continue;
      const row = forms.lookup(analyzer.foldWord(word));
      if (!row) continue;
      for (const term of row.terms.split(' ')) {
        const id = index.termId(term);
        if (id !== undefined) ids.add(id);
      }
      exact ??= new Uint8Array(index.refs.length);
      for (const doc of decodeAscending(row.docs, row.df)) exact[doc] = 1;
    }
  }
  return { terms: spend(budget, [...ids]), filter: null, exact, analysed: analysedTerms.length > 0 };
}

/** The folded wildcard pattern of a clause (Lunr's leading/trailing wildcard flags included), or null if empty. */
function wildcardPattern(clause: lunr.Query.Clause, analyzer: SpanishAnalyzer): string | null {
  const { LEADING, TRAILING } = lunr.Query.wildcard;
  const flags = wildcardFlags(clause);
  let pattern = analyzer.foldWord(clause.term);
  if (flags & LEADING && !pattern.startsWith('*')) pattern = `*${pattern}`;
  if (flags & TRAILING && !pattern.endsWith('*')) pattern = `${pattern}*`;
  pattern = pattern.replace(/\*+/g, '*');
  return pattern.replace(/\*/g, '') === '' ? null : pattern;
}

/** Takes at most what is left of the budget. */
function spend(budget: { left: number; exceeded: boolean }, ids: number[]): number[] {
  if (ids.length > budget.left) {
    budget.exceeded = true;
    ids = ids.slice(0, Math.max(0, budget.left));
  }
  budget.left -= ids.length;
  return ids;
}

/** A term from a wildcard counts only in the documents of the forms that matched; from any other clause, everywhere. */
function restrictTerm(filters: Map<number, Uint8Array | null>, termId: number, filter: Uint8Array | null): void {
  const known = filters.get(termId);
  if (known === null) return;
  if (filter === null) {
    filters.set(termId, null);
    return;
  }
  if (known === undefined) {
    filters.set(termId, filter);
    return;
  }
  const union = Uint8Array.from(known);
  for (let doc = 0; doc < union.length; doc += 1) union[doc] = (union[doc] ?? 0) | (filter[doc] ?? 0);
  filters.set(termId, union);
}

/** The index terms (of the query's positive clauses) each of the given documents holds. */
export function matchedTerms(
  index: TermIndex,
  matches: QueryMatches,
  docs: readonly number[],
): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>(docs.map((doc) => [doc, new Set<string>()]));
  if (docs.length === 0) return out;
  // The page's documents ascending, merged with each posting (also ascending): a common term's
  // posting holds most of the corpus, and a Map lookup per entry cost more than the walk.
  const wanted = Int32Array.from(new Set(docs)).sort();
  for (const [termId, field] of matches.positivePairs) {
    const term = index.terms[termId] ?? '';
    const posting = index.posting(termId);
    const start = index.fieldStart(posting, field);
    const count = posting[start] ?? 0;
    let doc = 0;
    let next = 0;
    for (let k = 0, at = start + 1; k < count && next < wanted.length; k += 1, at += 2) {
      doc += posting[at] ?? 0;
      while (next < wanted.length && (wanted[next] ?? 0) < doc) next += 1;
      if (wanted[next] === doc) {
        out.get(doc)?.add(term);
        next += 1;
      }
    }
  }
  return out;
}

/**
 * Beyond Lunr: a fuzzy clause also matches the stems of the corpus's word forms within its
 * edit distance of the word as typed (see fuzzy-words.ts), e.g. `transparensia~1` ->
 * `transparencia` -> `transparent`.
 */
function wordFormExpansion(index: TermIndex, clause: lunr.Query.Clause, analyzer: SpanishAnalyzer): number[] {
  const distance = editDistanceOf(clause);
  if (distance <= 0 || !index.fuzzyWords || !clause.usePipeline || clause.term.includes('*')) return [];
  const ids = new Set<number>();
  for (const [word] of clause.term.normalize('NFC').matchAll(WORD_PATTERN)) {
    for (const form of index.fuzzyWords.near(word, distance)) {
      const stem = analyzer.analyzeWord(form);
      const id = stem === null ? undefined : index.termId(stem);
      if (id !== undefined) ids.add(id);
    }
  }
  return [...ids];
}

function markDocuments(
  index: TermIndex,
  termId: number,
  field: number,
  into: Uint8Array,
  filter: Uint8Array | null,
): void {
  forEachPosting(index, termId, field, (doc) => {
    if (filter === null || filter[doc] === 1) into[doc] = 1;
  });
}

function intersectAll(sets: readonly Uint8Array[], size: number): Uint8Array | null {
  const [first, ...rest] = sets;
  if (first === undefined) return null;
  if (rest.length === 0) return first;
  const out = Uint8Array.from(first);
  for (const set of rest) for (let doc = 0; doc < size; doc += 1) out[doc] = (out[doc] ?? 0) & (set[doc] ?? 0);
  return out;
}

/**
 * Arrays over every document that each query needs for a moment (sums, marks, counts): kept per
 * index and reused, so that a query allocates only arrays the size of its matches. Searches of
 * one index run one at a time on their thread.
 */
interface QueryScratch {
  totals: Float64Array;
  dot: Float64Array;
  hit: Uint8Array;
  touched: Int32Array;
  exactCounts: Uint8Array;
  counts: Uint8Array;
  lastClause: Int32Array;
}

const scratches = new WeakMap<TermIndex, QueryScratch>();

function scratchFor(index: TermIndex): QueryScratch {
  const size = index.refs.length;
  let scratch = scratches.get(index);
  if (!scratch) {
    scratch = {
      totals: new Float64Array(size),
      dot: new Float64Array(size),
      hit: new Uint8Array(size),
      touched: new Int32Array(size),
      exactCounts: new Uint8Array(size),
      counts: new Uint8Array(size),
      lastClause: new Int32Array(size),
    };
    scratches.set(index, scratch);
  }
  return scratch;
}

function countMatchedClauses(index: TermIndex, clauses: readonly CountedClause[], scratch: QueryScratch): Uint8Array {
  const counts = scratch.counts.fill(0);
  if (clauses.length < 2) return counts;
  const lastClause = scratch.lastClause.fill(-1);
  clauses.forEach(({ pairs, filter }, c) => {
    for (const [termId, field] of pairs) {
      forEachPosting(index, termId, field, (doc) => {
        if (filter !== null && filter[doc] !== 1) return;
        if (lastClause[doc] !== c) {
          lastClause[doc] = c;
          counts[doc] = Math.min(255, (counts[doc] ?? 0) + 1);
        }
      });
    }
  });
  return counts;
}

/**
 * Walks one field of a term's posting: `visit` gets each document holding the term there, in
 * ascending order, and its score for it × 1000 (see TermIndex.posting: per field a count, then
 * (document gap, score × 1000) pairs). Scoring, required and prohibited sets, coordination and the
 * matched terms of a page all read postings this one way.
 */
function forEachPosting(
  index: TermIndex,
  termId: number,
  field: number,
  visit: (doc: number, scoreTimes1000: number) => void,
): void {
  const posting = index.posting(termId);
  const start = index.fieldStart(posting, field);
  const count = posting[start] ?? 0;
  let doc = 0;
  for (let k = 0, at = start + 1; k < count; k += 1, at += 2) {
    doc += posting[at] ?? 0;
    visit(doc, posting[at + 1] ?? 0);
  }
}
