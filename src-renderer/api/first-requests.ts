import routes from 'virtual:archive-http-routes';
import { parseRoute } from '../lib/route';
import { firstPageRequestOf } from '../app/search-request';
import { requestSignal } from '../offline/request-timeout';
import { createHttpArchiveApi } from './http-client';
import { fetchFirstStatus, type FirstStatus } from './owner-routes';
import type { PrefetchedSearch } from './prefetched-search';

/**
 * Browser mode's first two requests, sent by the page's small entry module while the app's code
 * is still on the wire: on a phone over a hotspot each request costs a round trip of 150 ms or
 * more, and the app's own code (React, the views) takes most of a second to arrive. Started
 * here, the status and the first page of the search in the URL are answered by the time the app
 * renders, instead of one after the other once it has.
 */
export interface FirstRequests {
  status: Promise<FirstStatus>;
  search: PrefetchedSearch;
}

/** Starts the status and the URL's first search; `base` is the page's own address. */
export function startFirstRequests(base: string, hash: string): FirstRequests {
  const api = createHttpArchiveApi(base, routes, {
    requestSignal,
  });
  const request = firstPageRequestOf(parseRoute(hash).search);
  const answer = api.search(request);
  const search: PrefetchedSearch = { request, answer, settled: null };
  // Nobody may ever ask for it (the person typed first, or the app failed to start): a failure
  // nobody awaits must not be reported as an uncaught error in the console.
  answer.then(
    (response) => {
      search.settled = response;
    },
    () => undefined,
  );
  return { status: fetchFirstStatus(base), search };
}
