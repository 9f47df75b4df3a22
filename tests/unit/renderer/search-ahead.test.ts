import { describe, expect, it } from 'vitest';
import type { SearchRequest, SearchResponse } from '../../../src-main/common/types';
import { withSearchAhead } from '../../../src-renderer/api/search-ahead';

/** An API whose search counts its calls and answers with the query's total length. */
function countingApi() {
  const calls: string[] = [];
  const search = (request: SearchRequest): Promise<SearchResponse> => {
    calls.push(request.query);
    const none = { type: [], category: [], tag: [], author: [], year: [] };
    return Promise.resolve({
      total: request.query.length,
      hits: [],
      facets: none,
      notice: null,
      terms: [],
      phrases: [],
    });
  };
  return { api: { search }, calls };
}

const request = (query: string): SearchRequest => ({
  query,
  filters: {},
  sort: 'relevance',
  match: 'all',
  offset: 0,
  limit: 15,
});

describe('a keystroke search sent ahead', () => {
  it('answers the identical search from the request already sent, once', async () => {
    const { api, calls } = countingApi();
    const ahead = withSearchAhead(api);
    ahead.searchAhead(request('espionaje'));
    expect(calls).toEqual(['espionaje']);
    // Keys in another order are the same request.
    expect((await ahead.api.search({ ...request('espionaje'), limit: 15, offset: 0 })).total).toBe(9);
    expect(calls).toEqual(['espionaje']);
    await ahead.api.search(request('espionaje'));
    expect(calls).toEqual(['espionaje', 'espionaje']);
  });

  it('sends a different search as usual and forgets the oldest of many sent ahead', async () => {
    const { api, calls } = countingApi();
    const ahead = withSearchAhead(api);
    for (const query of ['p', 'pe', 'peg', 'pega', 'pegas']) ahead.searchAhead(request(query));
    await ahead.api.search(request('p'));
    await ahead.api.search(request('pegas'));
    expect(calls).toEqual(['p', 'pe', 'peg', 'pega', 'pegas', 'p']);
  });
});
