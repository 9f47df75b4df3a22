import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import type { AnnotationsApi, ArchiveApi } from '../../src-main/common/api';
import type { Facets, SearchHit, SearchRequest, SearchResponse } from '../../src-main/common/types';
import { formatRoute, type SearchState } from '../lib/route';
import { facetsBesideList, firstPageRequestOf, firstScreenRequestOf, searchRequestOf } from './search-request';
import { narrowShownHits } from './provisional-results';
import { describeError } from '../lib/errors';
import { useLatest } from '../lib/use-latest';
import { useLoaded } from '../lib/use-loaded';
import { canonicalJson } from '../api/prefetched-search';
import { createSearchStore, useSearchStore, type SearchStore } from './search-store';

export { effectiveSort, searchRequestOf } from './search-request';

const PAGE_SIZE = 50;

export interface Results {
  /** The search these results belong to (formatted route), so stale pages are never mixed in. */
  key: string;
  /** The search itself (its query and options), so a provisional list can tell what it narrows. */
  search: SearchState;
  response: SearchResponse;
  hits: SearchHit[];
  /**
   * False while only the first screen's rows have come (a keystroke on a narrow screen, see
   * `firstScreenRequestOf`): the rest of the first page and the facets are on their way.
   */
  complete: boolean;
  /** The facets to show: this answer's once complete, until then the last complete answer's (null: none yet). */
  facets: Facets | null;
}

export function searchKey(search: SearchState): string {
  return formatRoute({ view: 'search', search });
}

interface SearchInputs {
  api: ArchiveApi;
  ready: boolean;
  search: SearchState;
  /** Bumped when the library changes (a pack installed or removed): the same search runs again. */
  libraryRevision: number;
  t: TFunction;
  /** A first page already answered (browser mode's first search): shown from the first render if it is this search's. */
  known?: { request: SearchRequest; response: SearchResponse } | null;
}

/** What the app holds of the search: its state (read by the views that show it) and what changes it. */
export interface SearchController {
  store: SearchStore;
  /** Asks for the next page of the results shown (the list nears their end). */
  loadMore: () => void;
  setActiveIndex: (index: number) => void;
}

/**
 * The search on screen: runs whenever the route's search changes, keeps only the latest
 * answer (typing sends many), pages on demand, and remembers the active row. Its state lives in
 * a store (search-store.ts), not in the component that calls this, so an answer renders only
 * the views that read it (`useSearchView`).
 */
export function useSearchResults({
  api,
  ready,
  search,
  libraryRevision,
  t,
  known = null,
}: SearchInputs): SearchController {
  const [store] = useState(() => {
    const shown =
      known && canonicalJson(known.request) === canonicalJson(firstPageRequestOf(search))
        ? {
            key: searchKey(search),
            search,
            response: known.response,
            hits: known.response.hits,
            complete: true,
            facets: known.response.facets,
          }
        : null;
    return createSearchStore(shown, shown ? `${shown.key}#${libraryRevision}` : null);
  });
  const latestRequest = useRef(0);
  const searchRef = useLatest(search);
  const currentKey = searchKey(search);

  useEffect(() => {
    if (!ready) return;
    const current = searchRef.current;
    const requestId = ++latestRequest.current;
    // Responses can arrive out of order while typing: only the latest request may land.
    const isLatest = () => requestId === latestRequest.current;
    const settled = `${currentKey}#${libraryRevision}`;
    const land = (response: SearchResponse, complete: boolean) => {
      store.update(({ results: shown, activeIndex }) => ({
        // The answer the first render already shows (the same object, handed on by the entry): nothing to render.
        results:
          shown?.key === currentKey && shown.response === response
            ? shown
            : {
                key: currentKey,
                search: current,
                response,
                hits: response.hits,
                complete,
                facets: complete ? response.facets : (shown?.facets ?? null),
              },
        searchError: null,
        activeIndex: activeIndex >= 0 && activeIndex < response.hits.length ? activeIndex : -1,
        // The list shows the server's rows: no longer "searching" (on a phone the facets follow quietly).
        settledKey: settled,
      }));
    };
    // A new search on a narrow screen: the rows of one screen first, then the whole first page
    // and its facets (two answers; on a phone's slow link the first is a third of the bytes).
    // The same search again (a library change, the entry's first answer) asks for the page at once.
    const firstScreen = !facetsBesideList() && store.get().results?.key !== currentKey;
    const run = async () => {
      if (firstScreen) {
        const rows = await api.search(firstScreenRequestOf(current));
        if (!isLatest()) return;
        land(rows, false);
        // Asked for once those rows are painted: sending it costs the phone a few ms the rows would wait for.
        await afterNextPaint();
        if (!isLatest()) return;
        // And only once typing pauses: a page and facets asked for between two keys would still be on the
        // slow link, taking its bandwidth, when the next key's rows are answered, and are thrown away.
        await delay(TYPING_PAUSE_MS);
        if (!isLatest()) return;
      }
      const response = await api.search(firstPageRequestOf(current));
      if (isLatest()) land(response, true);
    };
    run().catch((error: unknown) => {
      if (isLatest()) store.update({ searchError: describeError(error, t), settledKey: settled });
    });
  }, [ready, currentKey, api, t, libraryRevision, searchRef, store]);

  const loadMore = useCallback(() => {
    const { results, loadingMore } = store.get();
    // An incomplete list is followed by its whole first page anyway: more is asked for after it.
    if (
      !results?.complete ||
      loadingMore ||
      results.hits.length >= results.response.total ||
      results.key !== searchKey(searchRef.current)
    )
      return;
    const requestId = latestRequest.current;
    store.update({ loadingMore: true });
    api
      .search({
        ...searchRequestOf(searchRef.current),
        offset: results.hits.length,
        limit: PAGE_SIZE,
      })
      .then(
        (response) => {
          // One change with the page: the list's next check for more sees it loaded and not loading.
          store.update(({ results: previous }) =>
            requestId === latestRequest.current && previous && previous.key === results.key
              ? { results: { ...previous, hits: [...previous.hits, ...response.hits] }, loadingMore: false }
              : { loadingMore: false },
          );
        },
        (error: unknown) => {
          store.update(
            requestId === latestRequest.current
              ? { searchError: describeError(error, t), loadingMore: false }
              : { loadingMore: false },
          );
        },
      );
  }, [api, t, searchRef, store]);

  const setActiveIndex = useCallback(
    (index: number) => {
      store.update({ activeIndex: index });
    },
    [store],
  );
  return { store, loadMore, setActiveIndex };
}

/** What the list and its header show of the search: read from the store, so only they render for an answer. */
export function useSearchView(store: SearchStore, search: SearchState, ready: boolean, libraryRevision: number) {
  const results = useSearchStore(store, (state) => state.results);
  const settledKey = useSearchStore(store, (state) => state.settledKey);
  const searchError = useSearchStore(store, (state) => state.searchError);
  const loadingMore = useSearchStore(store, (state) => state.loadingMore);
  const activeIndex = useSearchStore(store, (state) => state.activeIndex);
  const currentKey = searchKey(search);
  const searching = ready && settledKey !== `${currentKey}#${libraryRevision}`;

  // Typing a word further: the rows on screen that hold it, until the server answers (provisional-results.ts).
  const provisional = useMemo((): Results | null => {
    if (!searching || !results || results.key === currentKey || (search.match ?? 'all') !== 'all') return null;
    if (searchKey({ ...results.search, query: '' }) !== searchKey({ ...search, query: '' })) return null;
    const hits = narrowShownHits(results.search.query, search.query, results.hits);
    return hits && hits.length > 0 ? { ...results, key: currentKey, search, hits } : null;
  }, [searching, results, currentKey, search]);

  return { results, provisional, currentKey, searching, searchError, loadingMore, activeIndex };
}

/**
 * How long a narrow screen waits after a search's first rows before asking for the rest of its page
 * and its facets, so that a key typed meanwhile does not share the link with an answer it makes
 * useless. About the gap between two keys of someone typing on a phone; a wider screen shows the
 * facets beside the list and asks for the page at once.
 */
const TYPING_PAUSE_MS = 300;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Longest wait for a paint: a hidden tab paints nothing, and its page must still come. */
const PAINT_WAIT_MS = 100;

/** Resolves once the browser has painted the frame being prepared (or after PAINT_WAIT_MS without one). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, PAINT_WAIT_MS);
    requestAnimationFrame(() => {
      // The frame's callbacks run before its paint; a task queued from one runs after it.
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0);
    });
  });
}

/** The marker on results that carry annotations; refreshed whenever the list or the view changes. */
export function useAnnotationCounts(
  notesApi: AnnotationsApi | null,
  hits: readonly SearchHit[],
  listShown: boolean,
): Record<string, number> {
  const hitIds = hits.map((hit) => hit.id).join(',');
  const counted = useLoaded(
    useMemo(
      () =>
        notesApi && hitIds !== '' && listShown
          ? () => notesApi.countAnnotations(hitIds.split(',').slice(0, 1000))
          : null,
      [notesApi, hitIds, listShown],
    ),
  );
  // The last counts stay while the next are asked (a failure keeps them too). No notes (the usual
  // case) is always the same object: a new {} would re-render every row of the memoised list.
  const counts = counted.latest;
  return counts === undefined || Object.keys(counts).length === 0 ? NO_COUNTS : counts;
}

const NO_COUNTS: Record<string, number> = {};
