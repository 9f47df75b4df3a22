import { useSyncExternalStore } from 'react';
import type { Results } from './use-search-results';

/** The search's state: what the list shows, and where its requests stand. */
export interface SearchSnapshot {
  results: Results | null;
  /** The last results whose whole first page and facets came (what the list's actions work on); null: none yet. */
  lastComplete: Results | null;
  /** The search (`key#libraryRevision`) whose request has ended, answered or failed: any other is still running. */
  settledKey: string | null;
  searchError: string | null;
  loadingMore: boolean;
  activeIndex: number;
}

/**
 * The search's state outside React's tree, so that an answer re-renders only what shows it (the
 * list, its header, the screen reader's count) and not the app's frame: on a phone at 4× every
 * component rendered for an answer delays its rows. Components read it with `useSearchStore`.
 */
export interface SearchStore {
  get: () => SearchSnapshot;
  /** Merges a change (or what a function of the current state returns) and tells the readers once. */
  update: (change: Partial<SearchSnapshot> | ((state: SearchSnapshot) => Partial<SearchSnapshot>)) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createSearchStore(results: Results | null, settledKey: string | null): SearchStore {
  let state: SearchSnapshot = {
    results,
    lastComplete: results?.complete ? results : null,
    settledKey,
    searchError: null,
    loadingMore: false,
    activeIndex: -1,
  };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    update: (change) => {
      const next = { ...state, ...(typeof change === 'function' ? change(state) : change) };
      if (next.results !== state.results && next.results?.complete) next.lastComplete = next.results;
      const changed = SNAPSHOT_FIELDS.some((name) => next[name] !== state[name]);
      if (!changed) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

const SNAPSHOT_FIELDS: readonly (keyof SearchSnapshot)[] = [
  'results',
  'lastComplete',
  'settledKey',
  'searchError',
  'loadingMore',
  'activeIndex',
];

/**
 * One value of the search's state: the component renders again only when that value changes
 * (compared with `Object.is`), so `select` must return a field or a primitive, not a new object.
 */
export function useSearchStore<T>(store: SearchStore, select: (state: SearchSnapshot) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
