import { useCallback, useEffect, useRef } from 'react';
import { useDebounced } from '../lib/use-debounced';
import { useLatest } from '../lib/use-latest';
import type { SearchState } from '../lib/route';
import type { Navigation } from './use-navigation';

/**
 * Pause in typing before the query is searched. Short, because the archive answers in tens of
 * milliseconds and the result list should follow the keystroke (target: rendered within 100 ms);
 * stale answers are dropped, so searching on nearly every key of a fast typist is harmless.
 * A keystroke after a quiet spell longer than this is searched at once (leading edge): only
 * the keys of a burst wait.
 */
const TYPING_DEBOUNCE_MS = 50;

export interface QueryTyping {
  /** The box's text changed (a keystroke). */
  changeDraftQuery: (query: string) => void;
  /** Makes a query the route's search now (Enter, arrow down to the list). */
  commitQuery: (query: string) => void;
}

/**
 * Typing → route: debounced, except the first key after a pause, which is searched at once.
 * `onCommit`: told of each search typed, in the key's own event, before the route changes.
 */
export function useQueryTyping(
  { draftQuery, routeRef, navigate, setDraftQuery }: Navigation,
  onCommit?: (search: SearchState) => void,
): QueryTyping {
  const settledQuery = useDebounced(draftQuery, TYPING_DEBOUNCE_MS);
  const onCommitRef = useLatest(onCommit);
  const commitQuery = useCallback(
    (query: string) => {
      const current = routeRef.current;
      if (query === current.search.query) return;
      const search = { ...current.search, query };
      onCommitRef.current?.(search);
      // Typing refines the same search (one history entry); typing while reading goes to the results.
      if (current.view === 'search') navigate({ view: 'search', search }, { replace: true });
      else navigate({ view: 'search', search });
    },
    [navigate, routeRef, onCommitRef],
  );
  useEffect(() => {
    commitQuery(settledQuery);
  }, [settledQuery, commitQuery]);
  // Leading edge: the first key after a pause commits in the same event, so its search starts
  // without waiting for the debounce (and in the same render as the box's new text).
  const lastTypedAt = useRef(0);
  const changeDraftQuery = useCallback(
    (query: string) => {
      const now = performance.now();
      const quiet = now - lastTypedAt.current > TYPING_DEBOUNCE_MS;
      lastTypedAt.current = now;
      setDraftQuery(query);
      if (quiet) commitQuery(query);
    },
    [commitQuery, setDraftQuery],
  );
  return { changeDraftQuery, commitQuery };
}
