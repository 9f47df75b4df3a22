import { describe, expect, it } from 'vitest';
import type { SearchResponse } from '../../../src-main/common/types';
import { createSearchStore } from '../../../src-renderer/app/search-store';
import type { Results } from '../../../src-renderer/app/use-search-results';

function resultsFor(query: string, complete: boolean): Results {
  const response: SearchResponse = {
    total: 1,
    hits: [],
    facets: { type: [], category: [], tag: [], author: [], year: [] },
    terms: [query],
    phrases: [],
    notice: null,
  };
  return {
    key: `#search?q=${query}`,
    search: { query, filters: {}, sort: 'relevance' },
    response,
    hits: [],
    complete,
    facets: null,
  };
}

describe('the search store', () => {
  it('tells its readers once per change, and not at all when nothing changed', () => {
    const store = createSearchStore(null, null);
    let told = 0;
    const stop = store.subscribe(() => {
      told++;
    });
    store.update({ activeIndex: 3, searchError: null });
    expect(told).toBe(1);
    expect(store.get().activeIndex).toBe(3);
    store.update(({ activeIndex }) => ({ activeIndex }));
    expect(told).toBe(1);
    stop();
    store.update({ activeIndex: 4 });
    expect(told).toBe(1);
  });

  it('keeps the last complete results while a phone has only the next search first-screen rows', () => {
    const first = resultsFor('espionaje', true);
    const store = createSearchStore(first, '#search?q=espionaje#0');
    expect(store.get().lastComplete).toBe(first);
    const rows = resultsFor('espionaje pegasus', false);
    store.update({ results: rows, settledKey: '#search?q=espionaje%20pegasus#0' });
    expect(store.get().results).toBe(rows);
    expect(store.get().lastComplete).toBe(first);
    const whole = resultsFor('espionaje pegasus', true);
    store.update({ results: whole });
    expect(store.get().lastComplete).toBe(whole);
  });
});
