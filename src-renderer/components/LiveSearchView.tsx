import { useDeferredValue, type ReactNode } from 'react';
import type { AnnotationsApi, ArchiveApi } from '../../src-main/common/api';
import type { SearchState } from '../lib/route';
import { useSearchStore, type SearchStore } from '../app/search-store';
import { useAnnotationCounts, useSearchView, type SearchController } from '../app/use-search-results';
import { SearchView, type SearchViewProps } from './SearchView';
import { ResultCountAnnouncement } from './ResultCountAnnouncement';
import { LazyPart, LazySearchResultActions } from './lazy-views';

/** What the app hands the search view besides the search's state, which the view reads itself. */
type LiveSearchViewProps = Omit<
  SearchViewProps,
  | 'results'
  | 'provisional'
  | 'currentKey'
  | 'searching'
  | 'searchError'
  | 'loadingMore'
  | 'onNeedMore'
  | 'activeIndex'
  | 'onActiveIndexChange'
  | 'annotationCounts'
> & {
  controller: SearchController;
  ready: boolean;
  libraryRevision: number;
  notesApi: AnnotationsApi | null;
};

/**
 * The search view wired to the search's store: an answer renders this and what it shows (the
 * list, its header, the facets), not the app's frame around it.
 */
export function LiveSearchView({ controller, ready, libraryRevision, notesApi, ...props }: LiveSearchViewProps) {
  const view = useSearchView(controller.store, props.search, ready, libraryRevision);
  const annotationCounts = useAnnotationCounts(notesApi, view.results?.hits ?? [], !props.hidden);
  return (
    <SearchView
      {...props}
      results={view.results}
      provisional={view.provisional}
      currentKey={view.currentKey}
      searching={view.searching}
      searchError={view.searchError}
      loadingMore={view.loadingMore}
      onNeedMore={controller.loadMore}
      activeIndex={view.activeIndex}
      onActiveIndexChange={controller.setActiveIndex}
      annotationCounts={annotationCounts}
    />
  );
}

/** The count screen readers hear when a search answers, from the store. */
export function LiveResultCount({ store, query }: { store: SearchStore; query: string }) {
  const response = useSearchStore(store, (state) => state.results?.response ?? null);
  return <ResultCountAnnouncement response={response} query={query} />;
}

/**
 * The actions on the list shown (save it, export it, a book of it): they follow whole answers
 * only (not a phone's first-screen rows) and render after the list, at low priority.
 */
export function LiveSearchResultActions({
  store,
  api,
  notesApi,
  search,
  libraryName,
}: {
  store: SearchStore;
  api: ArchiveApi;
  notesApi: AnnotationsApi | null;
  search: SearchState;
  libraryName: string | undefined;
}): ReactNode {
  const results = useDeferredValue(useSearchStore(store, (state) => state.lastComplete));
  const deferredSearch = useDeferredValue(search);
  return (
    <LazyPart>
      <LazySearchResultActions
        api={api}
        notesApi={notesApi}
        search={deferredSearch}
        results={results}
        libraryName={libraryName}
      />
    </LazyPart>
  );
}
