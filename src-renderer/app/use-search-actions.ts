import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { Annotation } from '../../src-main/common/annotations';
import type { SearchHit, SortOrder } from '../../src-main/common/types';
import type { FilterName, Route, SearchState } from '../lib/route';
import type { Navigation } from './use-navigation';

interface SearchActionInputs {
  navigation: Navigation;
  /** Whether the list shows rows now (read when returning from the reader, not on every answer). */
  hasRows: () => boolean;
  setActiveIndex: (index: number) => void;
  searchInputRef: RefObject<HTMLInputElement | null>;
  listRef: RefObject<HTMLDivElement | null>;
}

/**
 * What the search view, the reader and the Notes view ask of the route: open a document, go
 * back to the list (focused on the same row), tick a facet, change the order or the word matching.
 * Stable callbacks (they read the route and the box through refs), so the memoised facet panel
 * and list do not re-render on every keystroke.
 */
export function useSearchActions({ navigation, hasRows, setActiveIndex, searchInputRef, listRef }: SearchActionInputs) {
  const { navigate, routeRef, draftQueryRef, setDraftQuery } = navigation;
  const focusListOnReturn = useRef(false);

  const openDocument = useCallback(
    (id: string) => {
      navigate({
        view: 'doc',
        id,
        search: { ...routeRef.current.search, query: searchInputRef.current?.value ?? routeRef.current.search.query },
      });
    },
    [navigate, routeRef, searchInputRef],
  );
  const openHit = useCallback(
    (hit: SearchHit) => {
      openDocument(hit.id);
    },
    [openDocument],
  );
  const openAnnotation = useCallback(
    (annotation: Annotation) => {
      navigate({ view: 'doc', id: annotation.documentId, search: routeRef.current.search, focus: annotation.id });
    },
    [navigate, routeRef],
  );
  const goToView = useCallback(
    (view: Exclude<Route['view'], 'doc' | 'collection'>) => {
      navigate({ view, search: routeRef.current.search });
    },
    [navigate, routeRef],
  );
  const backToResults = useCallback(() => {
    focusListOnReturn.current = true;
    navigate({ view: 'search', search: routeRef.current.search });
  }, [navigate, routeRef]);
  const toggleFacet = useCallback(
    (facet: FilterName, value: string) => {
      const search = routeRef.current.search;
      const selected = search.filters[facet] ?? [];
      const values = selected.includes(value) ? selected.filter((item) => item !== value) : [...selected, value];
      setActiveIndex(-1);
      navigate({
        view: 'search',
        search: { ...search, query: draftQueryRef.current, filters: { ...search.filters, [facet]: values } },
      });
    },
    [navigate, setActiveIndex, draftQueryRef, routeRef],
  );
  const clearFacets = useCallback(() => {
    // The date range is a filter too: "clear all" clears it.
    const search = { ...routeRef.current.search, from: undefined, to: undefined };
    navigate({ view: 'search', search: { ...search, query: draftQueryRef.current, filters: {} } });
  }, [navigate, draftQueryRef, routeRef]);
  // Word matching, date range, a suggested query: one history entry each, like a facet.
  const changeSearch = useCallback(
    (change: Partial<SearchState>) => {
      setActiveIndex(-1);
      if (change.query !== undefined) setDraftQuery(change.query);
      navigate({ view: 'search', search: { ...routeRef.current.search, query: draftQueryRef.current, ...change } });
    },
    [navigate, setActiveIndex, setDraftQuery, draftQueryRef, routeRef],
  );
  const changeSort = useCallback(
    (sort: SortOrder) => {
      navigate({ view: 'search', search: { ...routeRef.current.search, query: draftQueryRef.current, sort } });
    },
    [navigate, draftQueryRef, routeRef],
  );

  // Return from the reader to the same row of the list, focused.
  const view = navigation.route.view;
  useEffect(() => {
    if (view === 'search' && focusListOnReturn.current) {
      focusListOnReturn.current = false;
      window.requestAnimationFrame(() => (hasRows() ? listRef.current : searchInputRef.current)?.focus());
    }
  }, [view, hasRows, listRef, searchInputRef]);

  return {
    openDocument,
    openHit,
    openAnnotation,
    goToView,
    backToResults,
    toggleFacet,
    clearFacets,
    changeSearch,
    changeSort,
  };
}
