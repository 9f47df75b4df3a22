// @vitest-environment jsdom
import { act, useCallback, useRef, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useQueryTyping, type QueryTyping } from '../../../src-renderer/app/use-query-typing';
import { parseRoute, type Route } from '../../../src-renderer/lib/route';

/** React's act() warns unless the environment says it is a test. */
Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

let root: Root;
let typing: QueryTyping | null;
let navigations: Array<{ route: Route; replace: boolean }>;
/** The route as the app's navigation holds it; a test moves it as a link or a typed URL would. */
let routeRef: { current: Route };

/** The typing hook over a navigation that records where it was sent. */
function Probe() {
  const [draftQuery, setDraftQuery] = useState('');
  const ref = useRef<Route>(routeRef.current);
  routeRef = ref;
  // Stable, as the app's navigate is (useCallback): a new one per render would commit again by itself.
  const navigate = useCallback((route: Route, options?: { replace?: boolean }) => {
    navigations.push({ route, replace: options?.replace ?? false });
    ref.current = route;
  }, []);
  const draftQueryRef = useRef(draftQuery);
  draftQueryRef.current = draftQuery;
  typing = useQueryTyping({ route: ref.current, draftQuery, setDraftQuery, routeRef: ref, draftQueryRef, navigate });
  return null;
}

beforeEach(() => {
  vi.useFakeTimers();
  navigations = [];
  typing = null;
  routeRef = { current: parseRoute('#search') };
  root = createRoot(document.createElement('div'));
  act(() => {
    root.render(<Probe />);
  });
});

afterEach(() => {
  act(() => {
    root.unmount();
  });
  vi.useRealTimers();
});

function type(query: string): void {
  act(() => {
    typing?.changeDraftQuery(query);
  });
}

function wait(ms: number): void {
  act(() => {
    vi.advanceTimersByTime(ms);
  });
}

describe('typing a query', () => {
  it('commits the first key after a pause at once, and the burst after it once it settles', () => {
    wait(200);
    type('a');
    expect(navigations.map(({ route }) => route.search.query)).toEqual(['a']);
    type('ag');
    type('agua');
    wait(100);
    expect(navigations.map(({ route }) => route.search.query)).toEqual(['a', 'agua']);
    expect(navigations.every(({ replace }) => replace)).toBe(true);
  });

  it('does not take the reader back to the list when the debounce settles on a query already searched', () => {
    wait(200);
    // Pasted or filled at once: committed in its own event.
    type('epicentro reconstruccion');
    expect(navigations).toHaveLength(1);
    // The reader opens a result (a link to #doc/…) before the debounce has run.
    routeRef.current = parseRoute('#doc/df8edbba48002e16');
    wait(100);
    expect(navigations).toHaveLength(1);
    expect(routeRef.current.view).toBe('doc');
  });
});
