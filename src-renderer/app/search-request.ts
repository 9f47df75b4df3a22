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

/**
 * Narrow screens (phones, small tablets) keep the facets in a closed sheet (styles.css, the
 * `56rem` query), so the list is all a keystroke's answer has to fill there.
 */
const FACETS_IN_A_SHEET = '(max-width: 56rem)';
/**
 * A result row's least height at phone width (title, date line, three lines of snippet: 176 to
 * 242 px measured at 360–412 px wide): how many rows one screen can show, even scrolled so the
 * list fills it (unscrolled, the header leaves the list about half the screen).
 */
const ROW_HEIGHT_PX = 176;

/** The sheet's media query, followed once asked for (null: not yet, or no window). */
let facetsInASheet: { query: MediaQueryList; matches: boolean } | null = null;

/**
 * Whether this window shows its facets beside the list (false: in a sheet, closed while typing).
 * Read on every keystroke before its request leaves: the query's answer is kept and updated by
 * its `change` event, instead of evaluating it again while the key's new text awaits its style.
 */
export function facetsBesideList(): boolean {
  if (typeof window === 'undefined') return true;
  if (!facetsInASheet) {
    const query = window.matchMedia(FACETS_IN_A_SHEET);
    const followed = { query, matches: query.matches };
    query.addEventListener('change', (event) => {
      followed.matches = event.matches;
    });
    facetsInASheet = followed;
  }
  return !facetsInASheet.matches;
}

/**
 * The request a keystroke's list waits for on a narrow screen: only the rows one screen shows
 * (5 on a 844 px phone) and no facets, the smallest answer that fills what is seen (about 1.5 kB
 * gzipped instead of 6 on a 10,000-document archive). The whole first page with its facets is
 * asked for once it has landed (use-search-results.ts). Counted on the screen's height, not the
 * window's: reading `innerHeight` makes the browser lay out the page the key has just changed
 * before the request can leave (about 3 ms on a phone at 4×), and a phone's window nearly fills its screen.
 */
export function firstScreenRequestOf(search: SearchState, screenHeight = window.screen.height): SearchRequest {
  const rows = Math.ceil(screenHeight / ROW_HEIGHT_PX);
  return { ...searchRequestOf(search), offset: 0, limit: Math.max(3, Math.min(FIRST_PAGE_SIZE, rows)), facets: false };
}

/** The first request a keystroke's search sends (the one `searchAhead` sends from the key's own event). */
export function typingRequestOf(search: SearchState): SearchRequest {
  return facetsBesideList() ? firstPageRequestOf(search) : firstScreenRequestOf(search);
}
