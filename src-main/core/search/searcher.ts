import { LRUCache } from 'lru-cache';
import { FACET_NAMES } from '../../common/types';
import type {
  DocumentSummary,
  Facets,
  SearchFilters,
  SearchHit,
  SearchNotice,
  SearchRequest,
  FacetName,
  SearchResponse,
  SortOrder,
} from '../../common/types';
import type { SpanishAnalyzer } from './analyzer';
import { fieldText } from './fields';
import { foldForMatching } from './fold';
import { parseQuery, type ParsedQuery, type PhraseConstraint } from './query';
import { containsPhrase } from './text-match';
import { TitlePhrases, type TitleAndDescription } from './title-phrases';
import { FEW_RESULTS, suggestCorrection } from './did-you-mean';
import { commonWordsNotice, commonWordsOf, commonWordsPhrase } from './common-words';
import { matchedTerms, QUERY_BUDGET, runQuery, UnrunnableQuery, type QueryMatches } from './query-runner';
import type { TermIndex } from './term-index';
import { countMatches, makeSnippet, SNIPPET_SCAN } from './snippet';
import type { SearchCatalog } from './search-catalog';
import { indexInSorted } from './sorted-strings';

export const DEFAULT_LIMIT = 20;

export interface SearchOptions {
  /**
   * false: hits come without snippets (empty, 0 matches) and no text is read; `snippets` makes
   * them for the hits a merged page ends up showing (page, then snippet). Default true.
   */
  snippets?: boolean;
  /**
   * `performance.now()` of this thread past which the search stops where it is and answers with
   * what it has, with a `search-deadline` notice: clauses not yet expanded are left out, matches not
   * yet checked against the query's phrases are dropped, hits past it get no snippet. Browser mode
   * sets it so that even a pathological query answers before the pool's deadline.
   */
  deadline?: number;
}

/** Whether a search stopped at its deadline (see SearchOptions.deadline). */
interface Progress {
  deadline: number;
  timedOut: boolean;
}

/** A hit's snippet and match count (see Searcher.snippets). */
export interface HitSnippet {
  snippet: string;
  matches: number;
}
const RECENT_MATCHES = 8;
/** Unfielded phrases whose holders are kept (Searcher.phraseHolders): 10 kB each at 10,000 documents. */
const RECENT_PHRASE_HOLDERS = 16;
/**
 * Bytes of folded titles and descriptions kept for phrase checks: a phrase whose words are
 * common (`"gobierno abierto"`) leaves thousands of matches whose body lacks it, each to be
 * checked in its title and description; read once, they are then compared in memory. About
 * 0.4 kB each, so 4 MB holds ~10,000 documents; bounded in bytes (it was 20,000 entries, ~8 MB)
 * so that long descriptions cannot make it grow.
 */
const FOLDED_TITLE_BYTES = 4 * 1024 * 1024;

export interface SearchSource {
  /** Dates, facets and date order of every document (search-catalog.ts), by position in the index's refs. */
  catalog: SearchCatalog;
  index: TermIndex;
  /** One document's summary; read only for the current page's hits (and title/description phrase checks). */
  getSummary(id: string): DocumentSummary | null;
  /** Title and description of a document (unfielded phrase checks of matches whose body lacks the phrase). */
  getTitleAndDescription?(id: string): { title: string; description: string | null } | null;
  /** Every document's title and description in position order (read once, on the first unfielded phrase). */
  allTitlesAndDescriptions?(): Iterable<TitleAndDescription>;
  /** Plain text of a document; read only for the current page's snippets. */
  getText(id: string): string | null;
  /**
   * At least the first `chars` chars of a document's text (all of it when shorter) and whether
   * it goes on; snippets use it when given, so a long text is not read whole.
   */
  getTextStart?(id: string, chars: number): { text: string; truncated: boolean } | null;
  /** Ids of the documents whose body text holds a folded phrase on word boundaries (checked in SQL). */
  documentsWithPhrase(foldedPhrase: string): ReadonlySet<string>;
  /** The same documents by position in the index's refs, ascending (lets unfielded phrase checks use one array). */
  documentPositionsWithPhrase?(foldedPhrase: string): readonly number[];
}

/**
 * A query's matches as parallel typed arrays (struct of arrays), in ascending document
 * position for a search and in date order when listing: thousands of matches per query were
 * one object each, and allocating and collecting them was a tenth of a search.
 */
interface MatchSet {
  /** Position of each match in the index's refs (and in the catalog). */
  docs: Int32Array;
  scores: Float64Array;
  /** Positive query clauses each match matched (coordination; relevance order sorts on it first). */
  matchedClauses: Uint8Array;
  /** Positive clauses whose word as typed each match holds (exact form first; sorted on next). */
  exactClauses: Uint8Array;
  /** The index run, for the matched terms of the page's hits (null when listing). */
  matches: QueryMatches | null;
}

/** The matches a request keeps: positions in a MatchSet's arrays, ascending (null: all of them). */
type Kept = Int32Array | null;

/** A request's filters as facet value ids and date bounds, resolved once per search. */
interface ResolvedFilters {
  /** Per filtered facet, the flattened ids any of which a document must have. */
  anyOf: Array<{ facet: FacetName; ids: FacetIdSet }>;
  from: DateBound | null;
  to: DateBound | null;
}

/** A `from`/`to` bound: compare `floor(date / divisor)` with `value` (YYYY, YYYY-MM or YYYY-MM-DD). */
interface DateBound {
  value: number;
  divisor: number;
}

const TIME_NOTICE: SearchNotice = {
  code: 'search-deadline',
  message: 'The query took longer than one search may run; the answer holds what was found in that time.',
};

const BUDGET_NOTICE: SearchNotice = {
  code: 'query-budget',
  message: `The query's wildcards or fuzzy words matched more words than one search may expand (${QUERY_BUDGET.perClause} per word, ${QUERY_BUDGET.total} in all); the most frequent ones were searched.`,
};

/**
 * Runs searches over one opened corpus: the index for the terms, then the query's `type:` and
 * phrases, the request's filters, facet counts over every match, sorting and paging, all on
 * the catalog's arrays; summaries and snippets only for the returned page.
 */
export class Searcher {
  /**
   * The index's answers to the last few distinct queries: the UI asks for page 2, or adds a
   * filter, with the same query, and scoring thousands of matches again is the costly part.
   */
  private readonly recentMatches = new Map<string, MatchSet>();
  /** Folded title and description by document position, for phrase checks (see FOLDED_TITLES). */
  private readonly foldedTitles = new LRUCache<number, { title: string; description: string }>({
    maxSize: FOLDED_TITLE_BYTES,
    // UTF-16 code units, plus the object and its two string headers.
    sizeCalculation: ({ title, description }) => 2 * (title.length + description.length) + 64,
  });

  /** Documents holding a phrase in their title or description (title-phrases.ts), when the source can list them all. */
  private readonly titlePhrases: TitlePhrases | null;
  /**
   * Per unfielded phrase of the last few queries, one byte per document: 1 where its body, title
   * or description holds it. A phrase query checks every match (~7,000 for "gobierno abierto"),
   * and an id lookup in a Set of ids plus the title check per match was a third of its time.
   */
  private readonly phraseHolders = new Map<string, Uint8Array>();
  /** Facet counts over every document (see countFacets). */
  private facetsOfAll: Facets | null = null;

  constructor(
    private readonly source: SearchSource,
    private readonly analyzer: SpanishAnalyzer,
  ) {
    if (source.catalog.documentCount !== source.index.refs.length) {
      throw new Error('the search catalog and the index disagree on the number of documents; rebuild the corpus');
    }
    const readAll = source.allTitlesAndDescriptions?.bind(source);
    this.titlePhrases = readAll ? new TitlePhrases(source.index.refs.length, readAll) : null;
  }

  search(request: SearchRequest, options: SearchOptions = {}): SearchResponse {
    const parsed = parseQuery(request.query, this.analyzer, undefined, request.match);
    return this.run(parsed, request, options);
  }

  /**
   * Snippets of some documents (by id) for a request's query, as `search` would have made them:
   * a search over several archives asks each for hits without snippets, merges them, then asks
   * for the snippets of the page it shows only. The query's matches come from the recent-match
   * cache, so this costs the snippets alone.
   */
  snippets(request: SearchRequest, ids: readonly string[], parsed?: ParsedQuery): Map<string, HitSnippet> {
    const query = parsed ?? parseQuery(request.query, this.analyzer, undefined, request.match);
    const matchSet = this.cachedMatch(query);
    const docs: number[] = [];
    for (const id of ids) {
      const doc = refPosition(this.source.index.refs, id);
      if (doc !== undefined) docs.push(doc);
    }
    const matchedByDoc = matchSet.matches
      ? matchedTerms(this.source.index, matchSet.matches, docs)
      : new Map<number, Set<string>>();
    const phrases = query.phrases.filter((phrase) => !phrase.exclude);
    const out = new Map<string, HitSnippet>();
    for (const doc of docs) {
      const id = this.source.index.refs[doc] ?? '';
      const summary = this.source.getSummary(id);
      if (!summary) continue;
      out.set(id, this.snippetOf(id, summary.title, matchedByDoc.get(doc) ?? new Set<string>(), phrases));
    }
    return out;
  }

  /** Searches an already parsed query (lets the archive retry a failed query literally). */
  run(parsed: ParsedQuery, request: SearchRequest, options: SearchOptions = {}): SearchResponse {
    const progress: Progress = { deadline: options.deadline ?? Number.POSITIVE_INFINITY, timedOut: false };
    const matchSet = this.cachedMatch(parsed, progress);
    const kept = this.filtered(matchSet, parsed, request, progress);
    const total = kept === null ? matchSet.docs.length : kept.length;
    const facets = this.countFacets(keptDocs(matchSet, kept));
    this.countSelectedFacets(facets, matchSet, parsed, request, progress);
    const sort = request.sort ?? (parsed.mode === 'search' ? 'relevance' : 'date');
    const offset = clampInteger(request.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = clampInteger(request.limit, DEFAULT_LIMIT, 1, Number.MAX_SAFE_INTEGER);
    // Total and facets need every match, the page only its first offset + limit in order.
    const page = firstInOrder(kept ?? matchSet.docs.length, offset + limit, this.comparatorFor(sort, matchSet)).slice(
      offset,
    );
    const phrases = parsed.phrases.filter((phrase) => !phrase.exclude);
    const terms = new Set(parsed.terms);
    const matchedByDoc = matchSet.matches
      ? matchedTerms(
          this.source.index,
          matchSet.matches,
          page.map((at) => matchSet.docs[at] ?? 0),
        )
      : new Map<number, Set<string>>();
    const hits: SearchHit[] = [];
    for (const at of page) {
      const doc = matchSet.docs[at] ?? 0;
      const matched = matchedByDoc.get(doc) ?? new Set<string>();
      for (const term of matched) terms.add(term);
      const inTime = performance.now() <= progress.deadline;
      if (!inTime && options.snippets !== false) progress.timedOut = true;
      const hit = this.hit(doc, matchSet.scores[at] ?? 0, matched, phrases, options.snippets !== false && inTime);
      if (hit) hits.push(hit);
    }
    const timedOut = progress.timedOut || matchSet.matches?.timedOut === true;
    const offered = timedOut ? {} : this.suggestionFor(parsed, request, total, progress);

    return {
      total,
      hits,
      facets,
      notice:
        parsed.notice ??
        (matchSet.matches?.budgetExceeded ? BUDGET_NOTICE : timedOut ? TIME_NOTICE : (offered.notice ?? null)),
      terms: [...terms],
      phrases: phrases.map((phrase) => phrase.typed),
      match: parsed.match,
      ...(offered.suggestion === undefined ? {} : { suggestion: offered.suggestion }),
    };
  }

  /**
   * Facet counts of some documents (each once). Those of every document are counted once and
   * kept: a listing filtered by one facet counts that facet without its own selection, i.e. over
   * the whole catalog (100,000 documents × about 10 ids), on every request.
   */
  private countFacets(docs: Int32Array): Facets {
    const { catalog } = this.source;
    if (docs.length !== catalog.documentCount) {
      return catalog.facets.countDocuments(catalog.facetStarts, catalog.facetIds, docs);
    }
    this.facetsOfAll ??= catalog.facets.countDocuments(catalog.facetStarts, catalog.facetIds, docs);
    return structuredClone(this.facetsOfAll);
  }

  /**
   * Values ticked in one facet are alternatives (OR), so that facet's counts leave its own
   * selection out: with 2016 ticked, "2017 (17)" still says how many ticking 2017 adds, under the
   * query and every other facet's selection (AND across facets). Other facets count as usual.
   */
  private countSelectedFacets(
    facets: Facets,
    matchSet: MatchSet,
    parsed: ParsedQuery,
    request: SearchRequest,
    progress: Progress,
  ): void {
    const filters = request.filters;
    if (!filters) return;
    for (const name of FACET_NAMES) {
      const selected = filters[name];
      if (!selected || selected.length === 0) continue;
      const others: SearchFilters = { ...filters, [name]: undefined };
      const without = this.filtered(matchSet, parsed, { ...request, filters: others }, progress);
      facets[name] = this.countFacets(keptDocs(matchSet, without))[name];
    }
  }

  /**
   * The query's matches that pass its `type:` terms, its phrases and the request's filters. Past
   * the deadline the matches not yet checked are dropped (phrase checks are the costly part).
   */
  private filtered(matchSet: MatchSet, parsed: ParsedQuery, request: SearchRequest, progress: Progress): Kept {
    // Documents whose body holds each phrase: one lookup per distinct phrase of the query.
    const bodies = new Map<string, ReadonlySet<string>>();
    // Per phrase of the query, its holders (unfieldedHolders), looked up at its first check:
    // a lookup per match refreshed the recent-phrase map thousands of times per query.
    const holders: Array<Uint8Array | null | undefined> = parsed.phrases.map(() => undefined);
    const filters = this.resolveFilters(request.filters);
    const types = this.resolveTypes(parsed);
    const filtering = types !== null || filters !== null || parsed.phrases.length > 0;
    if (!filtering) return null;
    const { docs } = matchSet;
    const kept = new Int32Array(docs.length);
    let keptCount = 0;
    for (let i = 0; i < docs.length; i += 1) {
      // The clock is read every 256 matches: cheap, and a few hundred checks take well under a millisecond.
      if ((i & 255) === 255 && performance.now() > progress.deadline) {
        progress.timedOut = true;
        break;
      }
      const doc = docs[i] ?? 0;
      if (
        this.passesTypes(doc, types) &&
        this.passesFilters(doc, filters) &&
        this.passesPhrases(doc, parsed.phrases, bodies, holders)
      ) {
        kept[keptCount] = i;
        keptCount += 1;
      }
    }
    return kept.subarray(0, keptCount);
  }

  /**
   * A better query for one that found nothing or very little, kept only when it finds more with
   * the same filters: for a query of stop words alone, the same words as a phrase
   * (common-words.ts, with its notice); otherwise "did you mean" (did-you-mean.ts).
   */
  private suggestionFor(
    parsed: ParsedQuery,
    request: SearchRequest,
    total: number,
    progress: Progress,
  ): { suggestion?: string; notice?: SearchNotice } {
    if (total === 0) {
      const words = commonWordsOf(request.query, this.analyzer);
      if (words !== null) {
        const phrase = commonWordsPhrase(words);
        // A phrase alone lists every document and keeps those that hold it (mode 'all').
        if (phrase !== null) {
          const asPhrase = parseQuery(phrase, this.analyzer, undefined, request.match);
          if (this.countFor(asPhrase, request, progress) > 0)
            return { suggestion: phrase, notice: commonWordsNotice(request.query, phrase) };
        }
        return { notice: commonWordsNotice(request.query, null) };
      }
    }
    const { forms, fuzzyWords } = this.source.index;
    if (parsed.mode !== 'search' || total > FEW_RESULTS || !forms || !fuzzyWords) return {};
    const correction = suggestCorrection(
      request.query,
      parsed.clauses,
      { forms, fuzzyWords },
      this.analyzer,
      total > 0,
    );
    if (!correction) return {};
    const corrected = parseQuery(correction.query, this.analyzer, undefined, request.match);
    if (corrected.mode !== 'search') return {};
    return this.countFor(corrected, request, progress) > total ? { suggestion: correction.query } : {};
  }

  /** How many documents a parsed query finds with the request's filters; 0 when it cannot run. */
  private countFor(parsed: ParsedQuery, request: SearchRequest, progress: Progress): number {
    try {
      const matches = this.cachedMatch(parsed, progress);
      return this.filtered(matches, parsed, request, progress)?.length ?? matches.docs.length;
    } catch (error) {
      // A suggestion that cannot run as written is no suggestion; the query as typed was answered.
      if (error instanceof UnrunnableQuery) return 0;
      throw error;
    }
  }

  /** A total order on positions in the match set's arrays. */
  private comparatorFor(sort: SortOrder, set: MatchSet): (a: number, b: number) => number {
    const { docs, scores, matchedClauses, exactClauses } = set;
    const { dateRank, dates } = this.source.catalog;
    const rankOf = (at: number): number => dateRank[docs[at] ?? 0] ?? 0;
    if (sort === 'date') return (a, b) => rankOf(a) - rankOf(b);
    if (sort === 'relevance') {
      return (a, b) =>
        (matchedClauses[b] ?? 0) - (matchedClauses[a] ?? 0) ||
        (exactClauses[b] ?? 0) - (exactClauses[a] ?? 0) ||
        (scores[b] ?? 0) - (scores[a] ?? 0) ||
        rankOf(a) - rankOf(b);
    }
    // Oldest first is the date order backwards, except that undated documents still come last
    // and documents of one date keep the date order's (title) order.
    return (a, b) => {
      const dateA = dates[docs[a] ?? 0] ?? 0;
      const dateB = dates[docs[b] ?? 0] ?? 0;
      if (dateA === dateB) return rankOf(a) - rankOf(b);
      if (dateA === 0 || dateB === 0) return dateA === 0 ? 1 : -1;
      return dateA - dateB;
    };
  }

  private cachedMatch(parsed: ParsedQuery, progress?: Progress): MatchSet {
    if (parsed.mode !== 'search') return this.match(parsed);
    const key = JSON.stringify(parsed.clauses);
    const cached = this.recentMatches.get(key);
    if (cached) {
      // Refresh its place: the map's insertion order is the eviction order.
      this.recentMatches.delete(key);
      this.recentMatches.set(key, cached);
      return cached;
    }
    const fresh = this.match(parsed, progress?.deadline);
    // A partial answer (stopped at its deadline) is not one to reuse.
    if (fresh.matches?.timedOut === true) return fresh;
    this.recentMatches.set(key, fresh);
    if (this.recentMatches.size > RECENT_MATCHES) {
      const oldest = this.recentMatches.keys().next().value;
      if (oldest !== undefined) this.recentMatches.delete(oldest);
    }
    return fresh;
  }

  private match(parsed: ParsedQuery, deadline?: number): MatchSet {
    if (parsed.mode === 'none') return listing(new Int32Array(0));
    if (parsed.mode === 'all') return listing(this.source.catalog.byDate);
    const matches = runQuery(this.source.index, parsed.clauses, this.analyzer, deadline);
    const { docs, scores, matchedClauses, exactClauses } = matches;
    return { docs, scores, matchedClauses, exactClauses, matches };
  }

  /** The `type:` terms of a query as type facet ids, or null when it has none. */
  private resolveTypes(parsed: ParsedQuery): { include: FacetIdSet | null; exclude: FacetIdSet } | null {
    if (parsed.includeTypes.length === 0 && parsed.excludeTypes.length === 0) return null;
    const { facets } = this.source.catalog;
    return {
      include: parsed.includeTypes.length > 0 ? new FacetIdSet(facets.flatIdsOf('type', parsed.includeTypes)) : null,
      exclude: new FacetIdSet(facets.flatIdsOf('type', parsed.excludeTypes)),
    };
  }

  private passesTypes(doc: number, types: { include: FacetIdSet | null; exclude: FacetIdSet } | null): boolean {
    if (types === null) return true;
    if (types.include !== null && !this.hasAny(doc, types.include)) return false;
    return types.exclude.size === 0 || !this.hasAny(doc, types.exclude);
  }

  /** Within one facet any selected value matches (OR); different facets must all match (AND). */
  private resolveFilters(filters: SearchFilters | undefined): ResolvedFilters | null {
    if (!filters || !hasFilters(filters)) return null;
    const { facets } = this.source.catalog;
    const anyOf: ResolvedFilters['anyOf'] = [];
    const add = (name: FacetName, values: readonly string[] | undefined): void => {
      if (values && values.length > 0) anyOf.push({ facet: name, ids: new FacetIdSet(facets.flatIdsOf(name, values)) });
    };
    add('type', filters.type);
    add('category', filters.category);
    add('tag', filters.tag);
    add('author', filters.author);
    add('year', filters.year?.map(String));
    return { anyOf, from: dateBound(filters.from), to: dateBound(filters.to) };
  }

  private passesFilters(doc: number, filters: ResolvedFilters | null): boolean {
    if (filters === null) return true;
    for (const { ids } of filters.anyOf) if (!this.hasAny(doc, ids)) return false;
    if (filters.from || filters.to) {
      const date = this.source.catalog.dates[doc] ?? 0;
      if (date === 0) return false;
      // Comparing equal-length prefixes makes `2017` and `2017-05` inclusive bounds.
      if (filters.from && Math.floor(date / filters.from.divisor) < filters.from.value) return false;
      if (filters.to && Math.floor(date / filters.to.divisor) > filters.to.value) return false;
    }
    return true;
  }

  private hasAny(doc: number, ids: FacetIdSet): boolean {
    const { facetStarts, facetIds } = this.source.catalog;
    for (let at = facetStarts[doc] ?? 0; at < (facetStarts[doc + 1] ?? 0); at += 1) {
      if (ids.has(facetIds[at] ?? 0)) return true;
    }
    return false;
  }

  private passesPhrases(
    doc: number,
    phrases: readonly PhraseConstraint[],
    bodies: Map<string, ReadonlySet<string>>,
    holders: Array<Uint8Array | null | undefined>,
  ): boolean {
    for (let i = 0; i < phrases.length; i += 1) {
      const phrase = phrases[i];
      if (phrase === undefined) continue;
      let held: Uint8Array | null | undefined = null;
      if (phrase.field === null) {
        held = holders[i];
        if (held === undefined) {
          held = this.unfieldedHolders(phrase.folded);
          holders[i] = held;
        }
      }
      const found = held ? held[doc] === 1 : this.phraseOccurs(doc, phrase, bodies);
      if (found === phrase.exclude) return false;
    }
    return true;
  }

  /** Whether a document holds a phrase, for phrases without holders (fielded, or a source without positions). */
  private phraseOccurs(doc: number, phrase: PhraseConstraint, bodies: Map<string, ReadonlySet<string>>): boolean {
    const id = this.source.index.refs[doc] ?? '';
    if (phrase.field !== null && phrase.field !== 'body') {
      const summary = this.source.getSummary(id);
      return summary !== null && containsPhrase(foldForMatching(fieldText(summary, phrase.field)), phrase.folded);
    }
    let body = bodies.get(phrase.folded);
    if (body === undefined) {
      body = this.source.documentsWithPhrase(phrase.folded);
      bodies.set(phrase.folded, body);
    }
    if (body.has(id)) return true;
    if (phrase.field === 'body') return false;
    const inFields = this.titlePhrases?.documentsWith(phrase.folded);
    if (inFields) return inFields[doc] === 1;
    const folded = this.foldedTitleOf(doc, id);
    if (folded === null) return false;
    return containsPhrase(folded.title, phrase.folded) || containsPhrase(folded.description, phrase.folded);
  }

  /** Documents holding a phrase in their body, title or description (see phraseHolders), when the source allows. */
  private unfieldedHolders(foldedPhrase: string): Uint8Array | null {
    const known = this.phraseHolders.get(foldedPhrase);
    if (known) {
      this.phraseHolders.delete(foldedPhrase);
      this.phraseHolders.set(foldedPhrase, known);
      return known;
    }
    const inBodies = this.source.documentPositionsWithPhrase?.(foldedPhrase);
    const inFields = inBodies ? this.titlePhrases?.documentsWith(foldedPhrase) : null;
    if (!inBodies || !inFields) return null;
    const holders = Uint8Array.from(inFields);
    for (const doc of inBodies) holders[doc] = 1;
    this.phraseHolders.set(foldedPhrase, holders);
    if (this.phraseHolders.size > RECENT_PHRASE_HOLDERS) {
      const oldest = this.phraseHolders.keys().next().value;
      if (oldest !== undefined) this.phraseHolders.delete(oldest);
    }
    return holders;
  }

  private foldedTitleOf(doc: number, id: string): { title: string; description: string } | null {
    const known = this.foldedTitles.get(doc);
    if (known) return known;
    const fields = this.source.getTitleAndDescription
      ? this.source.getTitleAndDescription(id)
      : this.source.getSummary(id);
    if (fields === null) return null;
    const folded = { title: foldForMatching(fields.title), description: foldForMatching(fields.description ?? '') };
    this.foldedTitles.set(doc, folded);
    return folded;
  }

  private hit(
    doc: number,
    score: number,
    matchedTerms: ReadonlySet<string>,
    phrases: readonly PhraseConstraint[],
    withSnippet: boolean,
  ): SearchHit | null {
    const id = this.source.index.refs[doc] ?? '';
    const summary = this.source.getSummary(id);
    if (!summary) return null;
    const { snippet, matches } = withSnippet
      ? this.snippetOf(id, summary.title, matchedTerms, phrases)
      : { snippet: '', matches: 0 };
    return { ...summary, score, snippet, matches };
  }

  private snippetOf(
    id: string,
    title: string,
    matchedTerms: ReadonlySet<string>,
    phrases: readonly PhraseConstraint[],
  ): HitSnippet {
    // One char past the scanned part, so that makeSnippet cuts it where it would cut the whole text.
    const start = this.source.getTextStart
      ? this.source.getTextStart(id, SNIPPET_SCAN + 1)
      : { text: this.source.getText(id) ?? '', truncated: false };
    const snippet = makeSnippet(
      {
        text: start?.text ?? '',
        truncated: start?.truncated ?? false,
        matchedTerms,
        phrases: phrases.map((phrase) => phrase.folded),
      },
      this.analyzer,
    );
    return { snippet: snippet.html, matches: snippet.matches + countMatches(title, matchedTerms, this.analyzer) };
  }
}

/** Position of a document id in the index's refs (sorted ascending). */
function refPosition(refs: readonly string[], id: string): number | undefined {
  const position = indexInSorted(refs, id);
  return position < 0 ? undefined : position;
}

/** Documents in `docs` order with no scores: listing (no query) and queries that match nothing. */
function listing(docs: Int32Array): MatchSet {
  const size = docs.length;
  return {
    docs,
    scores: new Float64Array(size),
    matchedClauses: new Uint8Array(size),
    exactClauses: new Uint8Array(size),
    matches: null,
  };
}

/** The documents a request keeps, for facet counting. */
function keptDocs(set: MatchSet, kept: Kept): Int32Array {
  if (kept === null) return set.docs;
  const docs = new Int32Array(kept.length);
  for (let i = 0; i < kept.length; i += 1) docs[i] = set.docs[kept[i] ?? 0] ?? 0;
  return docs;
}

/**
 * Flat facet ids a filter accepts, as one byte per id: every match's facet ids are tested
 * against it (100,000 documents × about 10 ids for a listing of letters), and a byte read costs a
 * fraction of a Set lookup.
 */
class FacetIdSet {
  readonly size: number;
  private readonly table: Uint8Array;

  constructor(ids: ReadonlySet<number>) {
    this.size = ids.size;
    let largest = -1;
    for (const id of ids) largest = Math.max(largest, id);
    this.table = new Uint8Array(largest + 1);
    for (const id of ids) if (id >= 0) this.table[id] = 1;
  }

  has(id: number): boolean {
    return this.table[id] === 1;
  }
}

/** `2017`, `2017-05` or `2017-05-23` as a bound on YYYYMMDD numbers; anything else bounds nothing out. */
function dateBound(value: string | undefined | null): DateBound | null {
  if (!value) return null;
  const digits = value.replace(/-/g, '');
  if (!/^\d{4}(\d{2}(\d{2})?)?$/.test(digits)) return null;
  return { value: Number(digits), divisor: 10 ** (8 - digits.length) };
}

function hasFilters(filters: SearchFilters | undefined): boolean {
  if (!filters) return false;
  return Object.values(filters).some((value) =>
    Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== '',
  );
}

/**
 * The first `count` of some positions (all of 0..n-1 when a number is given) in the order of
 * `compare` (a total order), without sorting them all: a page of 20 out of 10,000 matches keeps
 * a bounded max-heap of the best so far, in an Int32Array.
 */
function firstInOrder(items: Int32Array | number, count: number, compare: (a: number, b: number) => number): number[] {
  const size = typeof items === 'number' ? items : items.length;
  const item = typeof items === 'number' ? (i: number): number => i : (i: number): number => items[i] ?? 0;
  if (count >= size / 4) {
    const all = Array.from({ length: size }, (_, i) => item(i));
    return all.sort(compare).slice(0, count);
  }
  // heap[0] is the worst of the kept items.
  const heap = new Int32Array(count);
  let length = 0;
  const worse = (i: number, j: number): boolean => compare(heap[i] ?? 0, heap[j] ?? 0) > 0;
  const swap = (i: number, j: number): void => {
    const held = heap[i] ?? 0;
    heap[i] = heap[j] ?? 0;
    heap[j] = held;
  };
  for (let n = 0; n < size; n += 1) {
    const next = item(n);
    if (length < count) {
      heap[length] = next;
      length += 1;
      for (let i = length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (count > 0 && compare(next, heap[0] ?? 0) < 0) {
      heap[0] = next;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let largest = i;
        if (left < length && worse(left, largest)) largest = left;
        if (right < length && worse(right, largest)) largest = right;
        if (largest === i) break;
        swap(i, largest);
        i = largest;
      }
    }
  }
  return Array.from(heap.subarray(0, length)).sort(compare);
}

function clampInteger(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
