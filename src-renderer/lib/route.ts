import type { DocumentType, FacetName, MatchMode, SearchFilters, SortOrder } from '../../src-main/common/types';

/**
 * The whole navigable state lives in the URL hash, so reload restores it and the
 * browser's (or Electron's) history gives back/forward for free:
 *   #search?q=espionaje&type=letter&sort=date
 *   #search?q=datos+abiertos&match=any&from=2016-03&to=2017&sort=oldest
 *   #doc/<id>?q=espionaje          (the query is kept to highlight its words and to go back)
 * `#doc/<id>` is also what the importer writes into links between documents.
 */
export interface SearchState {
  query: string;
  filters: FacetFilters;
  sort: SortOrder;
  /** Absent: every word (the default); `any`: any of the words. */
  match?: MatchMode;
  /** Date range, inclusive: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (absent: unbounded). */
  from?: string;
  to?: string;
}

/** The facets a user can tick: the document facets plus the archive of the library. */
export type FilterName = FacetName | 'archive';

export type FacetFilters = Partial<Record<FilterName, string[]>>;

/**
 * `#notes` is the Notes view; `#doc/<id>?a=<annotation id>` opens a document at an annotation;
 * `#archives` lists the library's archives (bundled corpus and installed packs).
 */
export type Route =
  | { view: 'search'; search: SearchState }
  | { view: 'archives'; search: SearchState }
  | { view: 'doc'; id: string; search: SearchState; focus?: string }
  | { view: 'notes'; search: SearchState }
  /** `#collections`: the user's collections, saved searches, history and what is kept. */
  | { view: 'collections'; search: SearchState }
  /** `#collection/<id>`: one collection's documents (its permalink). */
  | { view: 'collection'; id: string; search: SearchState };

const ANNOTATION_ID = /^[0-9a-fA-F-]{36}$/;

const FACETS: readonly FilterName[] = ['type', 'category', 'tag', 'author', 'year', 'archive'];
/** A document id, prefixed `<packId>~` for documents of an installed pack. */
const DOC_ID = /^([a-z0-9-]{1,64}~)?[0-9a-f]{16}$/;

export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path, queryString] = splitOnce(raw, '?');
  const params = new URLSearchParams(queryString);
  const filters: FacetFilters = {};
  for (const facet of FACETS) {
    const values = params.getAll(facet).filter((value) => value !== '');
    if (values.length > 0) filters[facet] = values;
  }
  const sortParam = params.get('sort');
  const sort: SortOrder = sortParam === 'date' || sortParam === 'oldest' ? sortParam : 'relevance';
  const search: SearchState = { query: params.get('q') ?? '', filters, sort };
  if (params.get('match') === 'any') search.match = 'any';
  for (const bound of ['from', 'to'] as const) {
    const value = params.get(bound);
    if (value !== null && isDateBound(value)) search[bound] = value;
  }
  const docMatch = /^\/?doc\/(.+)$/.exec(path);
  if (docMatch?.[1] && DOC_ID.test(docMatch[1])) {
    const focus = params.get('a');
    return focus && ANNOTATION_ID.test(focus)
      ? { view: 'doc', id: docMatch[1], search, focus }
      : { view: 'doc', id: docMatch[1], search };
  }
  if (/^\/?notes$/.test(path)) return { view: 'notes', search };
  if (/^\/?collections$/.test(path)) return { view: 'collections', search };
  const collectionMatch = /^\/?collection\/(.+)$/.exec(path);
  if (collectionMatch?.[1] && ANNOTATION_ID.test(collectionMatch[1])) {
    return { view: 'collection', id: collectionMatch[1].toLowerCase(), search };
  }
  if (/^\/?archives$/.test(path)) return { view: 'archives', search };
  return { view: 'search', search };
}

export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  if (route.search.query !== '') params.set('q', route.search.query);
  for (const facet of FACETS) for (const value of route.search.filters[facet] ?? []) params.append(facet, value);
  if (route.search.sort !== 'relevance') params.set('sort', route.search.sort);
  if (route.search.match === 'any') params.set('match', 'any');
  if (route.search.from) params.set('from', route.search.from);
  if (route.search.to) params.set('to', route.search.to);
  if (route.view === 'doc' && route.focus) params.set('a', route.focus);
  const query = params.toString();
  const path =
    route.view === 'doc'
      ? `doc/${route.id}`
      : route.view === 'collection'
        ? `collection/${route.id}`
        : route.view === 'collections'
          ? 'collections'
          : route.view === 'notes'
            ? 'notes'
            : route.view === 'archives'
              ? 'archives'
              : 'search';
  return `#${path}${query ? `?${query}` : ''}`;
}

/** The SearchRequest filters for a facet selection (years travel as numbers). */
export function toSearchFilters(filters: FacetFilters): SearchFilters {
  const result: SearchFilters = {};
  if (filters.type?.length) result.type = filters.type.filter(isDocumentType);
  if (filters.category?.length) result.category = filters.category;
  if (filters.tag?.length) result.tag = filters.tag;
  if (filters.author?.length) result.author = filters.author;
  if (filters.year?.length) result.year = filters.year.map(Number).filter(Number.isInteger);
  if (filters.archive?.length) result.archive = filters.archive;
  return result;
}

/** The SearchRequest filters of a search: its facet selection and its date range. */
export function searchFiltersOf(search: SearchState): SearchFilters {
  const result = toSearchFilters(search.filters);
  if (search.from) result.from = search.from;
  if (search.to) result.to = search.to;
  return result;
}

/**
 * `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real month and day (what the core accepts as a
 * `from`/`to` bound): a URL edited by hand with `2017-13` is ignored, not sent to fail.
 */
export function isDateBound(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isDocumentType(value: string): value is DocumentType {
  return value === 'article' || value === 'letter' || value === 'other';
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
