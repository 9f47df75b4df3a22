import { networkRefused } from './refuse';

/** node-fetch's default export: refuses, asynchronously, as fetch fails. */
export default function fetch(): Promise<never> {
  return Promise.reject(networkRefused('fetch'));
}

/** node-fetch's Headers, which citation-js compares header objects against: the page's own. */
export const Headers = globalThis.Headers;
