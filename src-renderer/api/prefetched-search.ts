import type { SearchRequest, SearchResponse } from '../../src-main/common/types';

/** A search sent early, handed to the first identical call (see `takePrefetchedSearch`). */
export interface PrefetchedSearch {
  request: SearchRequest;
  answer: Promise<SearchResponse>;
  /** The answer once it has arrived (null until then, and if it failed): the app's first render can show it. */
  settled?: SearchResponse | null;
}

/**
 * The search function of the app's API, answering the first call from `prefetched` when it asks
 * for exactly the prefetched request (the same search, page and size); every later call, and a
 * first call that differs, goes to `search` as usual. The answer is handed out once: a later
 * identical search runs again, as it always did (a pack installed meanwhile changes answers).
 */
export function takePrefetchedSearch(
  prefetched: PrefetchedSearch | null,
  search: (request: SearchRequest) => Promise<SearchResponse>,
): (request: SearchRequest) => Promise<SearchResponse> {
  let pending = prefetched;
  return (request) => {
    const early = pending;
    pending = null;
    return early && canonicalJson(early.request) === canonicalJson(request) ? early.answer : search(request);
  };
}

/** JSON with object keys in sorted order: two requests built in different key orders compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
