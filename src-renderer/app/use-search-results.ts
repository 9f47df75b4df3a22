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

/**
 * The search on screen: runs whenever the route's search changes, keeps only the latest
 * answer (typing sends many), pages on demand, and remembers the active row.
 */
export function useSearchResults({ api, ready, search, libraryRevision, t, known = null }: SearchInputs) {
  const [results, setResults] = useState<Results | null>(() =>
    known && canonicalJson(known.request) === canonicalJson(firstPageRequestOf(search))
      ? {
          key: searchKey(search),
          search,
          response: known.response,
          hits: known.response.hits,
          complete: true,
          facets: known.response.facets,
        }
      : null,
  );
  // The search whose request has ended (answered or failed): any other one is still running.
  const [settledKey, setSettledKey] = useState<string | null>(() =>
    results ? `${results.key}#${libraryRevision}` : null,
  );
  const [searchError, setSearchError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const latestRequest = useRef(0);
  const searchRef = useLatest(search);
  const resultsRef = useLatest(results);
  const currentKey = searchKey(search);
  const requestKey = `${currentKey}#${libraryRevision}`;
  const searching = ready && settledKey !== requestKey;

  useEffect(() => {
    if (!ready) return;
    const current = searchRef.current;
    const requestId = ++latestRequest.current;
    // Responses can arrive out of order while typing: only the latest request may land.
    const isLatest = () => requestId === latestRequest.current;
    const land = (response: SearchResponse, complete: boolean) => {
      // The answer the first render already shows (the same object, handed on by the entry): nothing to render.
      setResults((shown) =>
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
      );
      setSearchError(null);
      setActiveIndex((index) => (index >= 0 && index < response.hits.length ? index : -1));
    };
    // A new search on a narrow screen: the rows of one screen first, then the whole first page
    // and its facets (two answers; on a phone's slow link the first is a third of the bytes).
    // The same search again (a library change, the entry's first answer) asks for the page at once.
    const firstScreen = !facetsBesideList() && resultsRef.current?.key !== currentKey;
    const run = async () => {
      if (firstScreen) {
        const rows = await api.search(firstScreenRequestOf(current));
        if (!isLatest()) return;
        land(rows, false);
        // The list shows the server's rows: no longer "searching", the facets follow quietly.
        setSettledKey(`${currentKey}#${libraryRevision}`);
        // Asked for once those rows are painted: sending it costs the phone a few ms the rows would wait for.
        await afterNextPaint();
        if (!isLatest()) return;
      }
      const response = await api.search(firstPageRequestOf(current));
      if (isLatest()) land(response, true);
    };
    run()
      .catch((error: unknown) => {
        if (isLatest()) setSearchError(describeError(error, t));
      })
      .finally(() => {
        if (isLatest()) setSettledKey(`${currentKey}#${libraryRevision}`);
      });
  }, [ready, currentKey, api, t, libraryRevision, searchRef, resultsRef]);

  const loadMore = useCallback(() => {
    // An incomplete list is followed by its whole first page anyway: more is asked for after it.
    if (
      !results?.complete ||
      loadingMore ||
      results.hits.length >= results.response.total ||
      results.key !== currentKey
    )
      return;
    const current = searchRef.current;
    const requestId = latestRequest.current;
    setLoadingMore(true);
    api
      .search({
        ...searchRequestOf(current),
        offset: results.hits.length,
        limit: PAGE_SIZE,
      })
      .then(
        (response) => {
          if (requestId !== latestRequest.current) return;
          setResults((previous) =>
            previous && previous.key === results.key
              ? { ...previous, hits: [...previous.hits, ...response.hits] }
              : previous,
          );
        },
        (error: unknown) => {
          if (requestId === latestRequest.current) setSearchError(describeError(error, t));
        },
      )
      .finally(() => {
        setLoadingMore(false);
      });
  }, [api, results, loadingMore, currentKey, t, searchRef]);

  // Typing a word further: the rows on screen that hold it, until the server answers (provisional-results.ts).
  const provisional = useMemo((): Results | null => {
    if (!searching || !results || results.key === currentKey || (search.match ?? 'all') !== 'all') return null;
    if (searchKey({ ...results.search, query: '' }) !== searchKey({ ...search, query: '' })) return null;
    const hits = narrowShownHits(results.search.query, search.query, results.hits);
    return hits && hits.length > 0 ? { ...results, key: currentKey, search, hits } : null;
  }, [searching, results, currentKey, search]);

  return {
    results,
    provisional,
    currentKey,
    searching,
    searchError,
    loadingMore,
    loadMore,
    activeIndex,
    setActiveIndex,
  };
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
