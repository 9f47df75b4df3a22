import { useCallback, useEffect, useReducer, type RefObject } from 'react';
import { formatRoute, parseRoute, type Route } from '../lib/route';
import { useLatest } from '../lib/use-latest';

/** Where the app is (the URL hash is the source of truth) and the search box's text, which leads the route. */
export interface NavigationState {
  route: Route;
  draftQuery: string;
}

export type NavigationAction =
  /** The app's own navigation: the box keeps its text, or characters typed after the debounce would be lost. */
  | { type: 'navigated'; route: Route }
  /** Navigation from outside (back/forward, a link, a typed URL): the box shows the route's query. */
  | { type: 'arrived'; route: Route }
  /** The box's text changed. */
  | { type: 'typed'; query: string };

export function navigationReducer(state: NavigationState, action: NavigationAction): NavigationState {
  switch (action.type) {
    case 'navigated':
      return { ...state, route: action.route };
    case 'arrived':
      return { route: action.route, draftQuery: action.route.search.query };
    case 'typed':
      // The same text keeps the same state: React then skips the render, as a plain setState would.
      return action.query === state.draftQuery ? state : { ...state, draftQuery: action.query };
  }
}

function initialNavigation(): NavigationState {
  const route = parseRoute(window.location.hash);
  return { route, draftQuery: route.search.query };
}

export interface Navigation extends NavigationState {
  /** Goes to a route: a new history entry, or `replace` the current one (typing refines one search). */
  navigate: (next: Route, options?: { replace?: boolean }) => void;
  setDraftQuery: (query: string) => void;
  /** The current route and box text, for callbacks that must stay stable across keystrokes. */
  routeRef: RefObject<Route>;
  draftQueryRef: RefObject<string>;
}

/** The route and the search box's text, kept in step with the URL hash and the browser's history. */
export function useNavigation(): Navigation {
  const [state, dispatch] = useReducer(navigationReducer, undefined, initialNavigation);
  const navigate = useCallback((next: Route, options: { replace?: boolean } = {}) => {
    const hash = formatRoute(next);
    if (hash !== window.location.hash) {
      if (options.replace) window.history.replaceState(null, '', hash);
      else window.history.pushState(null, '', hash);
    }
    dispatch({ type: 'navigated', route: next });
  }, []);
  const setDraftQuery = useCallback((query: string) => {
    dispatch({ type: 'typed', query });
  }, []);
  useEffect(() => {
    const onHashChange = () => {
      dispatch({ type: 'arrived', route: parseRoute(window.location.hash) });
    };
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener('popstate', onHashChange);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('popstate', onHashChange);
    };
  }, []);
  const routeRef = useLatest(state.route);
  const draftQueryRef = useLatest(state.draftQuery);
  return { ...state, navigate, setDraftQuery, routeRef, draftQueryRef };
}
