import { useCallback, useEffect, useRef, type RefObject } from 'react';
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
 * `onCommit`: told of each search typed, before the route changes: in the key's own `keydown`
 * when the search box (`inputRef`) will plainly gain that character at its end, else in its
 * `input` event (told twice of the same search then; `searchAhead` sends it once).
 */
export function useQueryTyping(
  { draftQuery, routeRef, navigate, setDraftQuery }: Navigation,
  onCommit?: (search: SearchState) => void,
  inputRef?: RefObject<HTMLInputElement | null>,
): QueryTyping {
  const settledQuery = useDebounced(draftQuery, TYPING_DEBOUNCE_MS);
  const onCommitRef = useLatest(onCommit);
  /** The last query typing committed: the debounce's own commit of it is then already done. */
  const lastCommitted = useRef<string | null>(null);
  const commitQuery = useCallback(
    (query: string) => {
      lastCommitted.current = query;
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
  // Only a query not committed yet: when the first key after a pause was committed at once, the
  // debounce settling on the same text later must not commit it again, for by then the reader may
  // have opened a result or another view, and a second commit would take them back to the list.
  useEffect(() => {
    if (settledQuery !== lastCommitted.current) commitQuery(settledQuery);
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
  // The search of a plain key leaves from its keydown: on a phone at 4× the browser takes about
  // 6 ms (traced) to insert the character and fire `input`, which the request would wait for.
  useEffect(() => {
    const input = inputRef?.current;
    if (!input) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const typed = textAfterKey(event, input);
      // Only where the input event will commit at once (after a pause): a burst's keys wait for the debounce.
      if (typed === null || performance.now() - lastTypedAt.current <= TYPING_DEBOUNCE_MS) return;
      const current = routeRef.current.search;
      if (typed !== current.query) onCommitRef.current?.({ ...current, query: typed });
    };
    input.addEventListener('keydown', onKeyDown);
    return () => {
      input.removeEventListener('keydown', onKeyDown);
    };
  }, [inputRef, routeRef, onCommitRef]);
  return { changeDraftQuery, commitQuery };
}

/**
 * The box's text once a key has done its default: only for one printable character typed at the
 * end of the text with nothing selected, no modifier and no composition (an input method's keys
 * are not the text they make); null when it cannot be known before the input event.
 */
export function textAfterKey(
  event: Pick<KeyboardEvent, 'key' | 'isComposing' | 'ctrlKey' | 'metaKey' | 'altKey' | 'defaultPrevented'>,
  input: Pick<HTMLInputElement, 'value' | 'selectionStart' | 'selectionEnd' | 'readOnly' | 'disabled'>,
): string | null {
  if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return null;
  // Named keys (Enter, Backspace, Dead…) are longer; a character beyond the BMP simply waits for its input event.
  if (event.key.length !== 1 || input.readOnly || input.disabled) return null;
  const end = input.value.length;
  if (input.selectionStart !== end || input.selectionEnd !== end) return null;
  return input.value + event.key;
}
