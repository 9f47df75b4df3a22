import { LRUCache } from 'lru-cache';
import type { SearchRequest, SearchResponse } from '../common/types';
import { SearchBusyError, type SearchRunner } from './search-pool';

export interface SearchCacheOptions {
  /** Answers kept (most recently asked first out last). */
  maxAnswers?: number;
  /** How long a query stopped at the deadline is refused at once instead of being run again. */
  refuseStoppedMs?: number;
}

/** A search runner with its cache: `forget` drops every kept answer (the set of archives changed). */
export interface CachedSearchRunner extends SearchRunner {
  forget(): void;
}

/**
 * Search answers kept by request, in front of the search runner: a room of phones asking the same
 * thing (the teacher's word on the board) costs one search, and identical requests arriving
 * together share the one that is running. A query that ran into the deadline twice is refused at
 * once for a while (as a proxy caches an error): a client repeating it cannot keep a thread busy.
 * Once is not enough: the deadline may have been spent waiting for a replacement thread to start.
 * Answers depend only on the request and the archives, so `forget` (a pack installed or removed)
 * is the one invalidation.
 */
export function cacheSearches(runner: SearchRunner, options: SearchCacheOptions = {}): CachedSearchRunner {
  const answers = new LRUCache<string, SearchResponse>({ max: options.maxAnswers ?? 256 });
  // How often each query was stopped lately; refused from the second time (once may be a thread that was starting).
  const stopped = new LRUCache<string, { error: SearchBusyError; times: number }>({
    max: 256,
    ttl: options.refuseStoppedMs ?? 60_000,
  });
  const running = new Map<string, Promise<SearchResponse>>();
  // Answers of searches started before a `forget` are not kept.
  let epoch = 0;

  const forget = () => {
    epoch += 1;
    answers.clear();
    stopped.clear();
    running.clear();
  };

  return {
    run(request) {
      const key = requestKey(request);
      const kept = answers.get(key);
      if (kept) return Promise.resolve(kept);
      const refused = stopped.get(key);
      if (refused && refused.times >= 2) return Promise.reject(refused.error);
      const shared = running.get(key);
      if (shared) return shared;
      const startedIn = epoch;
      const search = runner.run(request).then(
        (response) => {
          // An answer cut at its deadline depends on the load of the moment: asked again, it may be whole.
          if (startedIn === epoch && response.notice?.code !== 'search-deadline') answers.set(key, response);
          return response;
        },
        (error: unknown) => {
          if (startedIn === epoch && error instanceof SearchBusyError && error.reason === 'deadline')
            stopped.set(key, { error, times: (stopped.get(key)?.times ?? 0) + 1 });
          throw error;
        },
      );
      running.set(key, search);
      const settled = () => {
        if (running.get(key) === search) running.delete(key);
      };
      search.then(settled, settled);
      return search;
    },
    warmUp: () => runner.warmUp(),
    libraryChanged() {
      forget();
      runner.libraryChanged();
    },
    close: () => runner.close(),
    forget,
  };
}

/** The same request whatever the order of its fields (the page and scripts build them differently). */
export function requestKey(request: SearchRequest): string {
  return JSON.stringify(request, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}
