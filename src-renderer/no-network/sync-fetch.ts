import { networkRefused } from './refuse';

/** sync-fetch's default export: refuses at once, as a synchronous request would fail. */
function syncFetch(): never {
  throw networkRefused('sync-fetch');
}

/** sync-fetch's Headers, which citation-js compares header objects against: the page's own. */
syncFetch.Headers = globalThis.Headers;

export default syncFetch;
