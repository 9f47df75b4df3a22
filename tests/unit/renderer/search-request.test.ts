import { describe, expect, it } from 'vitest';
import { FIRST_PAGE_SIZE, firstPageRequestOf, firstScreenRequestOf } from '../../../src-renderer/app/search-request';
import type { SearchState } from '../../../src-renderer/lib/route';

const search: SearchState = { query: 'vigilancia', filters: { type: ['letter'] }, sort: 'relevance' };

describe('the request a keystroke sends on a narrow screen', () => {
  it('asks for the rows one screen shows and no facets, with the same search as the whole page', () => {
    // A 390×844 phone: five rows of at least 176 px fill it even when the list reaches the top.
    const request = firstScreenRequestOf(search, 844);
    expect(request).toEqual({ ...firstPageRequestOf(search), limit: 5, facets: false });
    expect(firstPageRequestOf(search)).not.toHaveProperty('facets');
  });

  it('asks for at least three rows and never more than the first page', () => {
    expect(firstScreenRequestOf(search, 320).limit).toBe(3);
    expect(firstScreenRequestOf(search, 640).limit).toBe(4);
    expect(firstScreenRequestOf(search, 5000).limit).toBe(FIRST_PAGE_SIZE);
  });
});
