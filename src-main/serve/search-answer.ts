import type { SearchRequest, SearchResponse } from '../common/types';

/**
 * A search answer as the request asked for it over HTTP: with `facets: false` (a phone typing,
 * its facets in a closed sheet) the facet lists are sent empty. They are about 40% of a gzipped
 * answer on a 10,000-document archive (2.4 of 6.1 kB: a hundred authors, seventy tags), which
 * a 1.6 Mbit/s hotspot takes about 13 ms to carry on every keystroke. The search itself is left
 * as it is (the engine counts facets in one tight loop); only the bytes are saved.
 */
export function searchAnswerAsAsked(request: SearchRequest, answer: SearchResponse): SearchResponse {
  if (request.facets !== false) return answer;
  return { ...answer, facets: { type: [], category: [], tag: [], author: [], year: [] } };
}
