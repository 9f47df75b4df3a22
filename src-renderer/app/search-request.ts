import type { SearchRequest, SortOrder } from '../../src-main/common/types';
import { searchFiltersOf, type SearchState } from '../lib/route';

/**
 * The first page of a search: what fills the visible list (6 rows in an 800 px window, 12 on a
 * tall screen). Smaller than later pages because every hit costs a snippet on the server, and
 * this page is what the person waits for after each keystroke; the list asks for the next page
 * once its last row on screen nears the end (ResultList).
 */
export const FIRST_PAGE_SIZE = 15;

/** The empty query lists the library by date (newest first unless oldest was chosen); a query sorts as chosen. */
export function effectiveSort(search: SearchState): SortOrder {
  if (search.query.trim() !== '') return search.sort;
  return search.sort === 'oldest' ? 'oldest' : 'date';
}

/** What the API is asked for a search (without paging): query, facets and dates, order, word matching. */
export function searchRequestOf(search: SearchState): SearchRequest {
  return {
    query: search.query,
    filters: searchFiltersOf(search),
    sort: effectiveSort(search),
    match: search.match ?? 'all',
  };
}

/** The request for a search's first page: the one the list waits for (and the one started before React, see main.tsx). */
export function firstPageRequestOf(search: SearchState): SearchRequest {
  return { ...searchRequestOf(search), offset: 0, limit: FIRST_PAGE_SIZE };
}
