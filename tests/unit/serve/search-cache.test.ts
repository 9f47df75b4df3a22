import { describe, expect, it } from 'vitest';
import type { SearchRequest, SearchResponse } from '../../../src-main/common/types';
import { cacheSearches, requestKey } from '../../../src-main/serve/search-cache';
import { SearchBusyError, type SearchRunner } from '../../../src-main/serve/search-pool';

/** A runner that counts what it was asked and answers with the query as its only term. */
function countingRunner(answer: (request: SearchRequest) => Promise<SearchResponse> = respond) {
  const asked: string[] = [];
  let changes = 0;
  const runner: SearchRunner = {
    run: (request) => {
      asked.push(request.query);
      return answer(request);
    },
    warmUp: () => Promise.resolve(),
    libraryChanged: () => {
      changes += 1;
    },
    close: () => Promise.resolve(),
  };
  return { runner, asked, changes: () => changes };
}

function respond(request: SearchRequest): Promise<SearchResponse> {
  return Promise.resolve({
    total: 1,
    hits: [],
    facets: { type: [], category: [], tag: [], author: [], year: [] },
    notice: null,
    terms: [request.query],
    phrases: [],
  });
}

describe('search answers kept by request', () => {
  it('runs a request once, whatever the order of its fields', async () => {
    const { runner, asked } = countingRunner();
    const searches = cacheSearches(runner);
    const first = await searches.run({
      query: 'transparencia',
      limit: 15,
      filters: { year: [2017], type: ['letter'] },
    });
    const again = await searches.run({
      filters: { type: ['letter'], year: [2017] },
      limit: 15,
      query: 'transparencia',
    });
    expect(again).toBe(first);
    expect(asked).toEqual(['transparencia']);
    await searches.run({ query: 'transparencia', limit: 30 });
    expect(asked).toEqual(['transparencia', 'transparencia']);
  });

  it('does not keep an answer cut at its deadline: asked again, the search runs again', async () => {
    const { runner, asked } = countingRunner(async (request) => ({
      ...(await respond(request)),
      notice: { code: 'search-deadline', message: 'cut' },
    }));
    const searches = cacheSearches(runner);
    await searches.run({ query: 'gobierno' });
    await searches.run({ query: 'gobierno' });
    expect(asked).toEqual(['gobierno', 'gobierno']);
  });

  it('shares one running search between identical requests that arrive together', async () => {
    let finish: () => void = () => undefined;
    const { runner, asked } = countingRunner(
      (request) => new Promise((resolve) => (finish = () => void respond(request).then(resolve))),
    );
    const searches = cacheSearches(runner);
    const room = Array.from({ length: 30 }, () => searches.run({ query: 'fotomultas' }));
    finish();
    const answers = await Promise.all(room);
    expect(asked).toEqual(['fotomultas']);
    expect(new Set(answers).size).toBe(1);
  });

  it('forgets every answer when the archives change, and keeps none started before', async () => {
    let finish: () => void = () => undefined;
    let slow = false;
    const { runner, asked, changes } = countingRunner((request) =>
      slow ? new Promise((resolve) => (finish = () => void respond(request).then(resolve))) : respond(request),
    );
    const searches = cacheSearches(runner);
    await searches.run({ query: 'puebla' });
    searches.libraryChanged();
    expect(changes()).toBe(1);
    slow = true;
    const during = searches.run({ query: 'puebla' });
    searches.forget();
    finish();
    await during;
    slow = false;
    await searches.run({ query: 'puebla' });
    expect(asked).toEqual(['puebla', 'puebla', 'puebla']);
  });

  it('refuses at once a query stopped at the deadline twice, but retries one refused because the pool was busy', async () => {
    const { runner, asked } = countingRunner((request) =>
      Promise.reject(
        request.query === '*a* *e*'
          ? new SearchBusyError('This search took longer than 1 s and was stopped.', 2, 'deadline')
          : new SearchBusyError('The server is busy.', 1, 'busy'),
      ),
    );
    const searches = cacheSearches(runner);
    for (let i = 0; i < 3; i += 1) {
      await expect(searches.run({ query: '*a* *e*' })).rejects.toMatchObject({ reason: 'deadline' });
      await expect(searches.run({ query: 'busy' })).rejects.toMatchObject({ reason: 'busy' });
    }
    expect(asked).toEqual(['*a* *e*', 'busy', '*a* *e*', 'busy', 'busy']);
  });

  it('keys nested filters by content', () => {
    expect(requestKey({ query: 'a', filters: { tag: ['x'], author: ['y'] } })).toBe(
      requestKey({ filters: { author: ['y'], tag: ['x'] }, query: 'a' }),
    );
    expect(requestKey({ query: 'a', filters: { tag: ['x', 'y'] } })).not.toBe(
      requestKey({ query: 'a', filters: { tag: ['y', 'x'] } }),
    );
  });
});
