import type { ArchiveApi } from '../../src-main/common/api';
import type { SearchRequest, SearchResponse } from '../../src-main/common/types';
import { canonicalJson } from './prefetched-search';

export interface SearchAhead<Api> {
  /** The API whose `search` answers a request sent ahead from that request, once. */
  api: Api;
  /** Sends a search now, for the `search` call that will ask for exactly it after the next render. */
  searchAhead: (request: SearchRequest) => void;
}

/** Requests sent ahead and not yet asked for; beyond this many the oldest is forgotten (typing fast sends many). */
const MAX_AHEAD = 4;

/**
 * A keystroke's search, sent from the key's own event instead of from the effect that runs once
 * React has rendered the new text: on a phone with a 4× slower CPU that render takes 40–50 ms,
 * which the request would otherwise wait for before it even leaves (and then wait 150 ms or more
 * on a hotspot's link). The app's usual `search` call then receives the answer already on its way.
 */
export function withSearchAhead<Api extends Pick<ArchiveApi, 'search'>>(api: Api): SearchAhead<Api> {
  const ahead = new Map<string, Promise<SearchResponse>>();
  return {
    api: {
      ...api,
      search: (request) => {
        const key = canonicalJson(request);
        const sent = ahead.get(key);
        ahead.delete(key);
        return sent ?? api.search(request);
      },
    },
    searchAhead: (request) => {
      const key = canonicalJson(request);
      if (ahead.has(key)) return;
      const answer = api.search(request);
      // Asked for or not, a failure is reported by the call that asks (or by nobody).
      answer.catch(() => undefined);
      ahead.set(key, answer);
      for (const old of ahead.keys()) {
        if (ahead.size <= MAX_AHEAD) break;
        ahead.delete(old);
      }
    },
  };
}
