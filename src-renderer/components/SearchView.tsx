import { useCallback, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit, SortOrder } from '../../src-main/common/types';
import { formatRoute, type FilterName, type SearchState } from '../lib/route';
import { formatNumber } from '../lib/format';
import type { Results } from '../app/use-search-results';
import { FacetPanel } from './FacetPanel';
import { ResultList } from './ResultList';
import { QueryHelp } from './QueryHelp';
import { MatchSwitch } from './MatchSwitch';
import type { DateRange } from './DateRangeFilter';
import { SearchNotices } from './SearchNotices';

export interface SearchViewProps {
  hidden: boolean;
  search: SearchState;
  results: Results | null;
  /** Rows of the previous answer that hold the words typed since, shown until the server answers. */
  provisional?: Results | null;
  currentKey: string;
  searching: boolean;
  searchError: string | null;
  loadingMore: boolean;
  onNeedMore: () => void;
  activeIndex: number;
  onActiveIndexChange: (index: number) => void;
  onOpen: (hit: SearchHit) => void;
  /** A result likely to be opened next (see ResultList): its document may load early. */
  onPrefetch?: (hit: SearchHit) => void;
  onToggleFacet: (facet: FilterName, value: string) => void;
  onClearFacets: () => void;
  onSortChange: (sort: SortOrder) => void;
  /** Word matching, date range or a suggested query: merged into the search. */
  onSearchChange: (change: Partial<SearchState>) => void;
  listRef: RefObject<HTMLDivElement | null>;
  annotationCounts: Record<string, number>;
  archiveNames: Record<string, string> | null;
  /** More actions on the list shown (saving it as a book), after the count. */
  resultActions?: ReactNode;
  /** Shown above the list on the home screen (no query): "Continue reading". */
  lead?: ReactNode;
  /** One row's "add to a collection" dialog; without it the rows carry no such action. */
  renderRowCollector?: (state: RowCollectorState) => ReactNode;
}

/** Which row's collections are being chosen; `hit` stays set after closing, for the closing dialog. */
export interface RowCollectorState {
  hit: SearchHit | null;
  open: boolean;
  onClose: () => void;
}

/**
 * Facets and the result list. On a wide screen the facets stand in a column on the left; on
 * a narrow one they wait behind a "Filters" button and open as a sheet over the list.
 */
export function SearchView(props: SearchViewProps) {
  const { t, i18n } = useTranslation();
  const [facetsOpen, setFacetsOpen] = useState(false);
  const { search, results } = props;
  const response = results?.response ?? null;
  const isLibrary = search.query.trim() === '';
  const total = response?.total ?? 0;
  const formattedTotal = formatNumber(total, i18n.language);
  const selectedCount =
    Object.values(search.filters).reduce((sum, values) => sum + values.length, 0) +
    (search.from === undefined ? 0 : 1) +
    (search.to === undefined ? 0 : 1);
  const { onSearchChange } = props;
  // Stable between keystrokes (typing re-renders the app), so the memoised facets and list do not re-render.
  const changeDateRange = useCallback(
    (range: DateRange) => {
      onSearchChange({ from: range.from, to: range.to });
    },
    [onSearchChange],
  );
  const hrefFor = useCallback((hit: SearchHit) => formatRoute({ view: 'doc', id: hit.id, search }), [search]);
  const wordCount = search.query.trim().split(/\s+/).length;
  const stale = props.searching && results !== null && results.key !== props.currentKey;
  const [collectHit, setCollectHit] = useState<SearchHit | null>(null);
  const [collectOpen, setCollectOpen] = useState(false);
  // Stable, so the memoised list does not re-render for it.
  const collectRow = useCallback((hit: SearchHit) => {
    setCollectHit(hit);
    setCollectOpen(true);
  }, []);
  const closeCollector = useCallback(() => {
    setCollectOpen(false);
  }, []);
  // Stable, so the memoised facets do not re-render when only the list changed.
  const closeFacets = useCallback(() => {
    setFacetsOpen(false);
  }, []);
  return (
    <div className={facetsOpen ? 'search-view facets-open' : 'search-view'} hidden={props.hidden}>
      {facetsOpen && (
        <div
          className="facet-backdrop"
          aria-hidden="true"
          onClick={() => {
            setFacetsOpen(false);
          }}
        />
      )}
      <FacetPanel
        id="facet-panel"
        facets={results?.facets ?? null}
        pending={results !== null && !results.complete}
        selected={search.filters}
        onToggle={props.onToggleFacet}
        onClear={props.onClearFacets}
        onClose={closeFacets}
        archiveNames={props.archiveNames}
        dateFrom={search.from}
        dateTo={search.to}
        onDateRangeChange={changeDateRange}
      />
      {/* data-results-key names the search whose whole server answer (first page and facets) is on screen
          (benchmarks and tests wait on it); data-rows-key the search whose server rows are listed, perhaps only
          the first screen's (a keystroke on a phone); data-shown-key the search whose rows are listed, a
          provisional list included. */}
      <section
        className="results-pane"
        aria-labelledby="results-heading"
        id="results"
        data-results-key={results?.complete ? results.key : ''}
        data-rows-key={results?.key ?? ''}
        data-shown-key={(props.provisional ?? results)?.key ?? ''}
      >
        <div className="results-summary">
          <h2 id="results-heading">{isLibrary ? t('search.libraryHeading') : t('search.resultsHeading')}</h2>
          {response && (
            <span className="result-count" data-testid="result-count">
              {isLibrary
                ? t('search.documents', { count: total, formatted: formattedTotal })
                : t('search.results', { count: total, formatted: formattedTotal })}
            </span>
          )}
          {props.searching && (
            <span className="searching">
              {props.provisional ? t('searchSpeed.provisional') : t('search.searching')}
            </span>
          )}
          {response && total > 0 && props.resultActions}
          <button
            type="button"
            className="button facets-toggle"
            aria-expanded={facetsOpen}
            aria-controls="facet-panel"
            data-testid="facets-toggle"
            onClick={() => {
              setFacetsOpen((open) => !open);
            }}
          >
            {selectedCount > 0 ? t('facets.showSelected', { count: selectedCount }) : t('facets.show')}
          </button>
          <label className="inline-field sort-field">
            <span>{t('search.sort')}</span>
            <select
              data-testid="sort-select"
              value={isLibrary && search.sort !== 'oldest' ? 'date' : search.sort}
              onChange={(event) => {
                const value = event.target.value;
                props.onSortChange(value === 'date' || value === 'oldest' ? value : 'relevance');
              }}
            >
              {!isLibrary && <option value="relevance">{t('search.sortRelevance')}</option>}
              <option value="date">{t('search.sortDate')}</option>
              <option value="oldest">{t('searchux.sortOldest')}</option>
            </select>
          </label>
        </div>
        <MatchSwitch
          match={search.match ?? 'all'}
          disabled={isLibrary}
          onChange={(match) => {
            onSearchChange({ match: match === 'any' ? 'any' : undefined });
          }}
        />
        {isLibrary && props.lead}
        <SearchNotices
          response={response}
          search={search}
          isLibrary={isLibrary}
          stale={stale}
          onSearchChange={onSearchChange}
        />
        {props.searchError && (
          <p className="error" role="alert">
            {props.searchError}
          </p>
        )}
        {response && total === 0 && !stale && (
          <div className="no-results" data-testid="no-results">
            <p>
              {selectedCount > 0 && isLibrary
                ? t('search.noResultsFiltered')
                : t('search.noResults', { query: search.query })}
            </p>
            {!isLibrary &&
              (search.match ?? 'all') === 'all' &&
              response.match !== 'any' &&
              wordCount > 1 &&
              // Any of a query's stop words finds nothing either: the phrase offered above does.
              response.notice?.code !== 'common-words' && (
                <button
                  type="button"
                  className="button try-any"
                  data-testid="try-any"
                  onClick={() => {
                    onSearchChange({ match: 'any' });
                  }}
                >
                  {t('searchux.tryAny')}
                </button>
              )}
            <QueryHelp />
          </div>
        )}
        <ResultList
          listRef={props.listRef}
          hits={(props.provisional ?? results)?.hits ?? []}
          total={total}
          activeIndex={props.activeIndex}
          onActiveIndexChange={props.onActiveIndexChange}
          onOpen={props.onOpen}
          onNeedMore={props.onNeedMore}
          loadingMore={props.loadingMore}
          label={t('search.resultList')}
          annotationCounts={props.annotationCounts}
          archiveNames={props.archiveNames}
          hrefFor={hrefFor}
          onCollectHit={props.renderRowCollector ? collectRow : undefined}
          onPrefetch={props.onPrefetch}
        />
        {props.renderRowCollector?.({ hit: collectHit, open: collectOpen, onClose: closeCollector })}
      </section>
    </div>
  );
}
