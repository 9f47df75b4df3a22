import type {
  DocumentSummary,
  DocumentType,
  FacetName,
  SearchFilters,
  SearchHit,
  SearchNotice,
  SearchRequest,
  SearchResponse,
} from '../../common/types';
import { FACET_NAMES } from '../../common/types';
import { facetValues } from '../store/facet-values';
import { FacetTable } from './facet-table';
import type { SpanishAnalyzer } from './analyzer';
import { fieldText } from './fields';
import { foldForMatching, foldString, foldValue } from './fold';
import { parseQuery, type ParsedQuery, type PhraseConstraint } from './query';
import { containsPhrase } from './text-match';
import { matchedTerms, QUERY_BUDGET, runQuery, type QueryMatches } from './query-runner';
import type { TermIndex } from './term-index';
import { countMatches, makeSnippet } from './snippet';

export const DEFAULT_LIMIT = 20;
const RECENT_MATCHES = 8;

export interface SearchSource {
  /** Every document of the corpus (kept in memory for the life of the searcher). */
  summaries: readonly DocumentSummary[];
  index: TermIndex;
  /** Plain text of a document; read only for the current page's snippets. */
  getText(id: string): string | null;
  /** Ids of the documents whose body text holds a folded phrase on word boundaries (checked in SQL). */
  documentsWithPhrase(foldedPhrase: string): ReadonlySet<string>;
}

/** A summary with everything filters, facets and sorting need, computed once at open. */
interface Entry {
  summary: DocumentSummary;
  /** Facet value ids of every facet, flattened (see FacetTable.flatten). */
  facetIds: Int32Array;
  /** Folded facet values, for case- and accent-insensitive filters. */
  folded: Record<'category' | 'tag' | 'author', Set<string>>;
  /** Position in the date order (newest first, undated last, ties by title). */
  dateRank: number;
}

interface Candidate {
  entry: Entry;
  score: number;
  /** Positive query clauses this hit matched (coordination; relevance order sorts on it first). */
  matchedClauses: number;
  /** Positive clauses whose word as typed the hit holds (exact form first; sorted on next). */
  exactClauses: number;
  /** Ref position in the index (-1 when listing without a query). */
  doc: number;
}

interface MatchSet {
  candidates: readonly Candidate[];
  /** The index run, for the matched terms of the page's hits (null when listing). */
  matches: QueryMatches | null;
}

const BUDGET_NOTICE: SearchNotice = {
  code: 'query-budget',
  message: `The query's wildcards or fuzzy words matched more words than one search may expand (${QUERY_BUDGET.perClause} per word, ${QUERY_BUDGET.total} in all); the most frequent ones were searched.`,
};

const titleCollator = new Intl.Collator('es', { sensitivity: 'base', numeric: true });

/**
 * Runs searches over one loaded corpus: Lunr for the terms, then (in memory) the query's
 * `type:` and phrases, the request's filters, facet counts over every match, sorting and
 * paging; snippets only for the returned page.
 */
export class Searcher {
  private readonly entries = new Map<string, Entry>();
  private readonly byDate: Entry[];
  private readonly facetTable: FacetTable;
  /**
   * Lunr's answers to the last few distinct queries: the UI asks for page 2, or adds a
   * filter, with the same query, and scoring thousands of matches again is the costly part.
   */
  private readonly recentMatches = new Map<string, MatchSet>();
  /** Entry of each ref position of the index. */
  private readonly entryByDoc: Array<Entry | undefined>;

  constructor(
    private readonly source: SearchSource,
    private readonly analyzer: SpanishAnalyzer,
  ) {
    const sorted = [...source.summaries].sort(compareByDate);
    const values = sorted.map((summary) => facetValues(summary));
    this.facetTable = new FacetTable(values);
    this.byDate = sorted.map((summary, dateRank) => {
      const facets = values[dateRank] as Record<FacetName, string[]>;
      const entry: Entry = {
        summary,
        facetIds: this.facetTable.flatten(this.facetTable.idsOf(facets)),
        folded: {
          category: new Set(facets.category.map(foldValue)),
          tag: new Set(facets.tag.map(foldValue)),
          author: new Set(facets.author.map(foldValue)),
        },
        dateRank,
      };
      this.entries.set(summary.id, entry);
      return entry;
    });
    this.entryByDoc = source.index.refs.map((ref) => this.entries.get(ref));
  }

  search(request: SearchRequest): SearchResponse {
    const parsed = parseQuery(request.query, this.analyzer);
    return this.run(parsed, request);
  }

  /** Searches an already parsed query (lets the archive retry a failed query literally). */
  run(parsed: ParsedQuery, request: SearchRequest): SearchResponse {
    // Documents whose body holds each phrase: one SQL scan per distinct phrase of the query.
    const bodies = new Map<string, ReadonlySet<string>>();
    const matchSet = this.cachedMatch(parsed);
    const filtering =
      parsed.includeTypes.length > 0 ||
      parsed.excludeTypes.length > 0 ||
      hasFilters(request.filters) ||
      parsed.phrases.length > 0;
    const candidates = !filtering
      ? matchSet.candidates
      : matchSet.candidates.filter(
          (candidate) =>
            passesTypes(candidate.entry, parsed) &&
            passesFilters(candidate.entry, request.filters) &&
            this.passesPhrases(candidate.entry, parsed.phrases, bodies),
        );

    const facets = this.facetTable.count(candidateFacetIds(candidates));
    const sort = request.sort ?? (parsed.mode === 'search' ? 'relevance' : 'date');
    const offset = clampInteger(request.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = clampInteger(request.limit, DEFAULT_LIMIT, 1, Number.MAX_SAFE_INTEGER);
    // Total and facets need every match, the page only its first offset + limit in order.
    const page = firstInOrder(
      candidates,
      offset + limit,
      sort === 'date' ? compareCandidatesByDate : compareCandidatesByScore,
    ).slice(offset);
    const phrases = parsed.phrases.filter((phrase) => !phrase.exclude);
    const terms = new Set(parsed.terms);
    const matchedByDoc = matchSet.matches
      ? matchedTerms(
          this.source.index,
          matchSet.matches,
          page.map((candidate) => candidate.doc),
        )
      : new Map<number, Set<string>>();
    const hits = page.map((candidate) => {
      const matched = matchedByDoc.get(candidate.doc) ?? new Set<string>();
      for (const term of matched) terms.add(term);
      return this.hit(candidate, matched, phrases);
    });

    return {
      total: candidates.length,
      hits,
      facets,
      notice: parsed.notice ?? (matchSet.matches?.budgetExceeded ? BUDGET_NOTICE : null),
      terms: [...terms],
      phrases: phrases.map((phrase) => phrase.typed),
    };
  }

  private cachedMatch(parsed: ParsedQuery): MatchSet {
    if (parsed.mode !== 'search') return this.match(parsed);
    const key = JSON.stringify(parsed.clauses);
    const cached = this.recentMatches.get(key);
    if (cached) {
      // Refresh its place: the map's insertion order is the eviction order.
      this.recentMatches.delete(key);
      this.recentMatches.set(key, cached);
      return cached;
    }
    const fresh = this.match(parsed);
    this.recentMatches.set(key, fresh);
    if (this.recentMatches.size > RECENT_MATCHES) {
      const oldest = this.recentMatches.keys().next().value;
      if (oldest !== undefined) this.recentMatches.delete(oldest);
    }
    return fresh;
  }

  private match(parsed: ParsedQuery): MatchSet {
    if (parsed.mode === 'none') return { candidates: [], matches: null };
    if (parsed.mode === 'all') {
      return {
        candidates: this.byDate.map((entry) => ({ entry, score: 0, matchedClauses: 0, exactClauses: 0, doc: -1 })),
        matches: null,
      };
    }
    const matches = runQuery(this.source.index, parsed.clauses, this.analyzer);
    const candidates: Candidate[] = [];
    for (let i = 0; i < matches.docs.length; i += 1) {
      const doc = matches.docs[i] as number;
      const entry = this.entryByDoc[doc];
      if (!entry) continue;
      candidates.push({
        entry,
        score: matches.scores[i] as number,
        matchedClauses: matches.matchedClauses[i] as number,
        exactClauses: matches.exactClauses[i] as number,
        doc,
      });
    }
    return { candidates, matches };
  }

  private passesPhrases(
    entry: Entry,
    phrases: readonly PhraseConstraint[],
    bodies: Map<string, ReadonlySet<string>>,
  ): boolean {
    for (const phrase of phrases) {
      const found = this.phraseOccurs(entry, phrase, bodies);
      if (found === phrase.exclude) return false;
    }
    return true;
  }

  private phraseOccurs(entry: Entry, phrase: PhraseConstraint, bodies: Map<string, ReadonlySet<string>>): boolean {
    const { summary } = entry;
    if (phrase.field !== null && phrase.field !== 'body') {
      return containsPhrase(foldForMatching(fieldText(summary, phrase.field)), phrase.folded);
    }
    let body = bodies.get(phrase.folded);
    if (body === undefined) {
      body = this.source.documentsWithPhrase(phrase.folded);
      bodies.set(phrase.folded, body);
    }
    if (body.has(summary.id)) return true;
    if (phrase.field === 'body') return false;
    return (
      containsPhrase(foldForMatching(summary.title), phrase.folded) ||
      containsPhrase(foldForMatching(summary.description ?? ''), phrase.folded)
    );
  }

  private hit(
    candidate: Candidate,
    matchedTerms: ReadonlySet<string>,
    phrases: readonly PhraseConstraint[],
  ): SearchHit {
    const { summary } = candidate.entry;
    const text = this.source.getText(summary.id) ?? '';
    const snippet = makeSnippet(
      {
        text,
        matchedTerms,
        phrases: phrases.map((phrase) => phrase.folded),
      },
      this.analyzer,
    );
    const titleMatches = countMatches(summary.title, matchedTerms, this.analyzer);
    return { ...summary, score: candidate.score, snippet: snippet.html, matches: snippet.matches + titleMatches };
  }
}

function passesTypes(entry: Entry, parsed: ParsedQuery): boolean {
  const type: DocumentType = entry.summary.type;
  if (parsed.includeTypes.length > 0 && !parsed.includeTypes.includes(type)) return false;
  return !parsed.excludeTypes.includes(type);
}

/** Within one facet any selected value matches (OR); different facets must all match (AND). */
function passesFilters(entry: Entry, filters: SearchFilters | undefined): boolean {
  if (!filters) return true;
  const { summary } = entry;
  if (filters.type && filters.type.length > 0 && !filters.type.includes(summary.type)) return false;
  if (!anyFolded(filters.category, entry.folded.category)) return false;
  if (!anyFolded(filters.tag, entry.folded.tag)) return false;
  if (!anyFolded(filters.author, entry.folded.author)) return false;
  if (filters.year && filters.year.length > 0) {
    const year = summary.date ? Number(summary.date.slice(0, 4)) : NaN;
    if (!filters.year.includes(year)) return false;
  }
  if (filters.from || filters.to) {
    const date = summary.date;
    if (!date) return false;
    // Comparing equal-length prefixes makes `2017` and `2017-05` inclusive bounds.
    if (filters.from && date.slice(0, filters.from.length) < filters.from) return false;
    if (filters.to && date.slice(0, filters.to.length) > filters.to) return false;
  }
  return true;
}

function* candidateFacetIds(candidates: readonly Candidate[]): Generator<Int32Array> {
  for (let i = 0; i < candidates.length; i += 1) yield (candidates[i] as Candidate).entry.facetIds;
}

function hasFilters(filters: SearchFilters | undefined): boolean {
  if (!filters) return false;
  return Object.values(filters).some((value) =>
    Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== '',
  );
}

function anyFolded(wanted: readonly string[] | undefined, values: ReadonlySet<string>): boolean {
  if (!wanted || wanted.length === 0) return true;
  return wanted.some((value) => values.has(foldString(value)));
}

/** Newest first, undated last, ties by title, then id (a total order: stable pages). */
function compareByDate(a: DocumentSummary, b: DocumentSummary): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return titleCollator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function compareCandidatesByDate(a: Candidate, b: Candidate): number {
  return a.entry.dateRank - b.entry.dateRank;
}

function compareCandidatesByScore(a: Candidate, b: Candidate): number {
  return (
    b.matchedClauses - a.matchedClauses ||
    b.exactClauses - a.exactClauses ||
    b.score - a.score ||
    a.entry.dateRank - b.entry.dateRank
  );
}

/**
 * The first `count` items in the order of `compare` (a total order), without sorting them all:
 * a page of 20 out of 10,000 matches keeps a bounded max-heap of the best so far.
 */
function firstInOrder<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  if (count >= items.length / 4) return [...items].sort(compare).slice(0, count);
  // heap[0] is the worst of the kept items.
  const heap: T[] = [];
  const worse = (i: number, j: number): boolean => compare(heap[i] as T, heap[j] as T) > 0;
  const swap = (i: number, j: number): void => {
    const held = heap[i] as T;
    heap[i] = heap[j] as T;
    heap[j] = held;
  };
  const siftDown = (from: number): void => {
    for (let i = from; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < heap.length && worse(left, largest)) largest = left;
      if (right < heap.length && worse(right, largest)) largest = right;
      if (largest === i) return;
      swap(i, largest);
      i = largest;
    }
  };
  for (const item of items) {
    if (heap.length < count) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (count > 0 && compare(item, heap[0] as T) < 0) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort(compare);
}

function clampInteger(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
