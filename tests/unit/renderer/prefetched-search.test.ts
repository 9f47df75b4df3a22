import { describe, expect, it } from 'vitest';
import type { SearchRequest, SearchResponse } from '../../../src-main/common/types';
import { canonicalJson, takePrefetchedSearch } from '../../../src-renderer/api/prefetched-search';

/** An empty answer told apart by its `terms` (what the test checks came from where). */
function answerFor(marker: string): SearchResponse {
  const facets = { type: [], category: [], tag: [], author: [], year: [] };
  return { total: 0, hits: [], facets, notice: null, terms: [marker], phrases: [] };
}

const homePage: SearchRequest = { query: '', filters: {}, sort: 'date', match: 'all', offset: 0, limit: 15 };

describe('the search sent before the app started', () => {
  it('answers the first identical call, even with its keys in another order, and only that one', async () => {
    const early = Promise.resolve(answerFor('early'));
    const asked: SearchRequest[] = [];
    const search = takePrefetchedSearch({ request: homePage, answer: early }, (request) => {
      asked.push(request);
      return Promise.resolve(answerFor('server'));
    });
    const reordered: SearchRequest = { limit: 15, offset: 0, match: 'all', sort: 'date', filters: {}, query: '' };
    expect(await search(reordered)).toMatchObject({ terms: ['early'] });
    expect(asked).toEqual([]);
    expect(await search(homePage)).toMatchObject({ terms: ['server'] });
    expect(asked).toEqual([homePage]);
  });

  it('is dropped when the first call asks for something else (the person typed first)', async () => {
    const asked: string[] = [];
    const search = takePrefetchedSearch(
      { request: homePage, answer: Promise.resolve(answerFor('early')) },
      (request) => {
        asked.push(request.query);
        return Promise.resolve(answerFor(request.query));
      },
    );
    expect(await search({ ...homePage, query: 'espionaje', sort: 'relevance' })).toMatchObject({
      terms: ['espionaje'],
    });
    // The early answer is not kept for later: a later identical call goes to the server.
    expect(await search(homePage)).toMatchObject({ terms: [''] });
    expect(asked).toEqual(['espionaje', '']);
  });

  it('compares nested filters whatever their key order, but not their values', () => {
    expect(canonicalJson({ filters: { year: [2017], type: ['letter'] }, query: 'a' })).toBe(
      canonicalJson({ query: 'a', filters: { type: ['letter'], year: [2017] } }),
    );
    expect(canonicalJson({ filters: { year: [2017, 2018] } })).not.toBe(
      canonicalJson({ filters: { year: [2018, 2017] } }),
    );
  });
});
