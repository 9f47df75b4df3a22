import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit, SearchResponse, SortOrder } from '../../src-main/common/types';
import type { CorpusProblem } from '../../src-main/common/library';
import type { MENU_DOM_EVENTS } from '../../src-main/common/ipc';
import type { Transport } from '../api';
import { formatRoute, parseRoute, toSearchFilters, type FilterName, type Route, type SearchState } from '../lib/route';
import { useLibrary } from '../lib/use-library';
import { DowngradeDialog, LibraryMessageBanner, LibraryView } from './LibraryView';
import { PackDropOverlay } from './PackDropOverlay';
import { useDebounced } from '../lib/use-debounced';
import { describeError } from '../lib/errors';
import { formatNumber } from '../lib/format';
import {
  loadTextSizeIndex,
  loadTheme,
  saveLanguage,
  saveTextSizeIndex,
  saveTheme,
  type LanguageChoice,
  type ThemeChoice,
} from '../lib/preferences';
import { SearchHeader } from './SearchHeader';
import { FacetPanel } from './FacetPanel';
import { ResultList } from './ResultList';
import { Reader } from './Reader';
import { QueryHelp } from './QueryHelp';
import { AboutDialog } from './AboutDialog';
import { ExternalLinkDialog } from './ExternalLinkDialog';
import { NotesView } from './NotesView';
import { CorpusProblemScreen } from './CorpusProblemScreen';
import { describeBackup } from '../lib/backup-name';
import type { AnnotationsApi, UserDataStatus } from '../../src-main/common/api';
import { OfflineStatus } from '../offline/OfflineStatus';
import { SaveResultsEpubButton } from '../epub/SaveEpubButton';

/** The Electron preload's Find menu event (a literal here: the renderer imports only types from common). */
const FIND_EVENT: (typeof MENU_DOM_EVENTS)['find'] = 'archive:find';
const PAGE_SIZE = 50;
/**
 * The first page of a search: what fills the visible list (6 rows in an 800 px window, 12 on a
 * tall screen). Smaller than later pages because every hit costs a snippet on the server, and
 * this page is what the person waits for after each keystroke; the list asks for the next page
 * once its last row on screen nears the end (ResultList).
 */
const FIRST_PAGE_SIZE = 15;
/**
 * Pause in typing before the query is searched. Short, because the archive answers in tens of
 * milliseconds and the result list should follow the keystroke (target: rendered within 100 ms);
 * stale answers are dropped below, so searching on nearly every key of a fast typist is harmless.
 * A keystroke after a quiet spell longer than this is searched at once (leading edge): only
 * the keys of a burst wait.
 */
const TYPING_DEBOUNCE_MS = 50;

type Status =
  | { state: 'loading' }
  | { state: 'ready'; problems?: CorpusProblem[] }
  | { state: 'error'; message: string; problem?: CorpusProblem };

interface Results {
  /** The search these results belong to (formatted route), so stale pages are never mixed in. */
  key: string;
  response: SearchResponse;
  hits: SearchHit[];
}

function searchKey(search: SearchState): string {
  return formatRoute({ view: 'search', search });
}

/** The empty query lists the library newest first; a query sorts as the user chose. */
function effectiveSort(search: SearchState): SortOrder {
  return search.query.trim() === '' ? 'date' : search.sort;
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

export function App({ transport }: { transport: Transport }) {
  const { api } = transport;
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<Status>({ state: 'loading' });
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  const [draftQuery, setDraftQuery] = useState(route.search.query);
  const [results, setResults] = useState<Results | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [theme, setTheme] = useState<ThemeChoice>(loadTheme);
  const [textSizeIndex, setTextSizeIndex] = useState(loadTextSizeIndex);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [pendingUrl, setPendingUrl] = useState<{ url: string; answer: (open: boolean) => void } | null>(null);
  const [findRequest, setFindRequest] = useState(0);
  const [retryToken, setRetryToken] = useState(0);
  const searchInputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const latestRequest = useRef(0);
  const focusListOnReturn = useRef(false);
  const language: LanguageChoice = i18n.language === 'en' ? 'en' : 'es';

  // --- navigation: the URL hash is the source of truth -------------------------------
  const navigate = useCallback((next: Route, options: { replace?: boolean } = {}) => {
    const hash = formatRoute(next);
    if (hash !== window.location.hash) {
      if (options.replace) window.history.replaceState(null, '', hash);
      else window.history.pushState(null, '', hash);
    }
    setRoute(next);
  }, []);

  useEffect(() => {
    // Only navigation from outside (back/forward, links, a typed URL) rewrites the search box;
    // the app's own commits never do, or characters typed after the debounce would be lost.
    const onHashChange = () => {
      const next = parseRoute(window.location.hash);
      setRoute(next);
      setDraftQuery(next.search.query);
    };
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener('popstate', onHashChange);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('popstate', onHashChange);
    };
  }, []);

  // --- archive status: search opens once the index is loaded -----------------------------
  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const poll = () => {
      api.status().then(
        (value) => {
          if (stopped) return;
          if (value.state === 'loading') {
            setStatus(value);
            timer = window.setTimeout(poll, 250);
          } else
            setStatus(
              value.state === 'ready'
                ? value
                : { state: 'error', message: value.message, ...(value.problem ? { problem: value.problem } : {}) },
            );
        },
        (error: unknown) => !stopped && setStatus({ state: 'error', message: describeError(error, t) }),
      );
    };
    poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api, t, retryToken]);
  const ready = status.state === 'ready';

  // --- the library of archives: bundled corpus + installed packs ---------------------------
  const library = useLibrary(api, ready, t);
  // Names for the archive facet and the result rows, only when there is more than one archive.
  // Memoised: a new object each render would re-render the memoised list and facets on every key.
  const archiveNames = useMemo(
    () =>
      library.archives.length > 1
        ? Object.fromEntries(library.archives.map((archive) => [archive.id, archive.name]))
        : null,
    [library.archives],
  );

  // --- annotations: offered when the transport has them and they answer (not on a shared server) ---
  const [notesApi, setNotesApi] = useState<AnnotationsApi | null>(null);
  const [userDataStatus, setUserDataStatus] = useState<UserDataStatus | null>(null);
  const [annotationCounts, setAnnotationCounts] = useState<Record<string, number>>({});
  useEffect(() => {
    if (!ready || !api.annotations) return;
    const candidate = api.annotations;
    let current = true;
    candidate.userDataStatus().then(
      (value) => {
        if (!current) return;
        setNotesApi(candidate);
        setUserDataStatus(value);
      },
      () => current && setNotesApi(null),
    );
    return () => {
      current = false;
    };
  }, [ready, api]);
  // The loading notice can take focus from autoFocus in some shells: focus the box once search is possible.
  useEffect(() => {
    if (ready && routeRef.current.view === 'search') searchInputRef.current?.focus();
  }, [ready]);

  // --- typing → route (debounced), route → search ---------------------------------------
  const settledQuery = useDebounced(draftQuery, TYPING_DEBOUNCE_MS);
  const routeRef = useRef(route);
  routeRef.current = route;
  const commitQuery = useCallback(
    (query: string) => {
      const current = routeRef.current;
      if (query === current.search.query) return;
      const search = { ...current.search, query };
      // Typing refines the same search (one history entry); typing while reading goes to the results.
      if (current.view === 'search') navigate({ view: 'search', search }, { replace: true });
      else navigate({ view: 'search', search });
    },
    [navigate],
  );
  useEffect(() => commitQuery(settledQuery), [settledQuery, commitQuery]);
  // Leading edge: the first key after a pause commits in the same event, so its search starts
  // without waiting for the debounce (and in the same render as the box's new text).
  const lastTypedAt = useRef(0);
  const changeDraftQuery = useCallback(
    (query: string) => {
      const now = performance.now();
      const quiet = now - lastTypedAt.current > TYPING_DEBOUNCE_MS;
      lastTypedAt.current = now;
      setDraftQuery(query);
      if (quiet) commitQuery(query);
    },
    [commitQuery],
  );
  // The box's text for handlers that must not change on every keystroke (memoised children).
  const draftQueryRef = useRef(draftQuery);
  draftQueryRef.current = draftQuery;

  const currentKey = searchKey(route.search);
  useEffect(() => {
    if (!ready) return;
    const search = route.search;
    const requestId = ++latestRequest.current;
    setSearching(true);
    api
      .search({
        query: search.query,
        filters: toSearchFilters(search.filters),
        sort: effectiveSort(search),
        offset: 0,
        limit: FIRST_PAGE_SIZE,
      })
      .then(
        (response) => {
          // Responses can arrive out of order while typing: only the latest request may land.
          if (requestId !== latestRequest.current) return;
          setResults({ key: currentKey, response, hits: response.hits });
          setSearchError(null);
          setActiveIndex((index) => (index >= 0 && index < response.hits.length ? index : -1));
        },
        (error: unknown) => {
          if (requestId !== latestRequest.current) return;
          setSearchError(describeError(error, t));
        },
      )
      .finally(() => {
        if (requestId === latestRequest.current) setSearching(false);
      });
    // route.search is fully described by currentKey
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, currentKey, api, t, library.revision]);

  // The marker on results that carry annotations; refreshed whenever the list or the view changes.
  const hitIds = (results?.hits ?? []).map((hit) => hit.id).join(',');
  useEffect(() => {
    if (!notesApi || hitIds === '' || route.view !== 'search') return;
    let current = true;
    notesApi.countAnnotations(hitIds.split(',').slice(0, 1000)).then(
      // No notes before and none now (the usual case) keeps the same object: a new {} would
      // re-render every row of the memoised list right after each answer.
      (counts) =>
        current &&
        setAnnotationCounts((previous) =>
          Object.keys(counts).length === 0 && Object.keys(previous).length === 0 ? previous : counts,
        ),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [notesApi, hitIds, route.view]);

  const loadMore = useCallback(() => {
    if (!results || loadingMore || results.hits.length >= results.response.total || results.key !== currentKey) return;
    const search = routeRef.current.search;
    const requestId = latestRequest.current;
    setLoadingMore(true);
    api
      .search({
        query: search.query,
        filters: toSearchFilters(search.filters),
        sort: effectiveSort(search),
        offset: results.hits.length,
        limit: PAGE_SIZE,
      })
      .then(
        (response) => {
          if (requestId !== latestRequest.current) return;
          setResults((previous) =>
            previous && previous.key === results.key
              ? { ...previous, hits: [...previous.hits, ...response.hits] }
              : previous,
          );
        },
        (error: unknown) => requestId === latestRequest.current && setSearchError(describeError(error, t)),
      )
      .finally(() => setLoadingMore(false));
  }, [api, results, loadingMore, currentKey, t]);

  // --- actions --------------------------------------------------------------------------
  const openDocument = useCallback(
    (id: string) =>
      navigate({
        view: 'doc',
        id,
        search: { ...routeRef.current.search, query: searchInputRef.current?.value ?? routeRef.current.search.query },
      }),
    [navigate],
  );
  const backToResults = useCallback(() => {
    focusListOnReturn.current = true;
    navigate({ view: 'search', search: routeRef.current.search });
  }, [navigate]);

  // Stable (routeRef/draftQueryRef) so the memoised facet panel does not re-render on every keystroke.
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
    [navigate],
  );
  const clearFacets = useCallback(
    () =>
      navigate({ view: 'search', search: { ...routeRef.current.search, query: draftQueryRef.current, filters: {} } }),
    [navigate],
  );
  const openHit = useCallback((hit: SearchHit) => openDocument(hit.id), [openDocument]);

  const confirmUrl = useCallback(
    (url: string) => new Promise<boolean>((resolve) => setPendingUrl({ url, answer: resolve })),
    [],
  );
  const openExternal = useCallback(
    (url: string) => void transport.openExternal(url, confirmUrl),
    [transport, confirmUrl],
  );

  const changeLanguage = (next: LanguageChoice) => {
    saveLanguage(next);
    void i18n.changeLanguage(next);
  };
  useEffect(() => {
    document.documentElement.lang = language;
    if (route.view === 'search') document.title = t('app.title');
  }, [language, route.view, t]);

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  // Return from the reader to the same row of the list, focused.
  useEffect(() => {
    if (route.view === 'search' && focusListOnReturn.current) {
      focusListOnReturn.current = false;
      window.requestAnimationFrame(() =>
        (results && results.hits.length > 0 ? listRef.current : searchInputRef.current)?.focus(),
      );
    }
  }, [route.view, results]);

  // --- global keyboard shortcuts ----------------------------------------------------------
  const routeView = route.view;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return; // Dialogs handle their own keys.
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if ((event.key === '/' && !isTypingTarget(event.target) && !mod) || (mod && key === 'k')) {
        event.preventDefault();
        searchInputRef.current?.focus();
        searchInputRef.current?.select();
      } else if (mod && key === 'f') {
        event.preventDefault();
        if (routeView === 'doc') setFindRequest((n) => n + 1);
        else searchInputRef.current?.focus();
      } else if (event.altKey && event.key === 'ArrowLeft') {
        event.preventDefault();
        window.history.back();
      } else if (event.altKey && event.key === 'ArrowRight') {
        event.preventDefault();
        window.history.forward();
      } else if (event.key === 'Escape' && routeView === 'doc' && !isTypingTarget(event.target)) {
        // Not while writing a note: Escape there must not throw the reader (and the unsaved note) away.
        event.preventDefault();
        backToResults();
      }
    };
    const onMenuFind = () => routeView === 'doc' && setFindRequest((n) => n + 1);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener(FIND_EVENT, onMenuFind);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener(FIND_EVENT, onMenuFind);
    };
  }, [routeView, backToResults]);

  // --- rendering ----------------------------------------------------------------------------
  const response = results?.response ?? null;
  const isLibrary = route.search.query.trim() === '';
  const total = response?.total ?? 0;
  const formattedTotal = formatNumber(total, i18n.language);
  const announcement = response
    ? isLibrary
      ? t('announce.documents', { count: total, formatted: formattedTotal })
      : t('announce.results', { count: total, formatted: formattedTotal, query: route.search.query })
    : '';
  const hasFilters = Object.values(route.search.filters).some((values) => values && values.length > 0);
  const stale = searching && results !== null && results.key !== currentKey;

  return (
    <div className="app">
      <a
        href="#results"
        className="skip-link"
        onClick={(event) => {
          event.preventDefault();
          listRef.current?.focus();
        }}
      >
        {t('app.skipToResults')}
      </a>
      <SearchHeader
        inputRef={searchInputRef}
        query={draftQuery}
        onQueryChange={changeDraftQuery}
        onSubmit={() => {
          commitQuery(draftQuery);
          listRef.current?.focus();
        }}
        onArrowDown={() => {
          commitQuery(draftQuery);
          listRef.current?.focus();
        }}
        language={language}
        onLanguageChange={changeLanguage}
        theme={theme}
        onThemeChange={(next) => {
          saveTheme(next);
          setTheme(next);
        }}
        onAbout={() => setAboutOpen(true)}
        searchDisabled={status.state === 'error'}
      />
      {transport.offline && <OfflineStatus keeper={transport.offline} api={api} ready={ready} />}
      {ready && (
        <nav className="view-switch" aria-label={t('notes.view')}>
          <a
            href="#search"
            aria-current={route.view === 'search' ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigate({ view: 'search', search: route.search });
            }}
          >
            {t('search.libraryHeading')}
          </a>
          {notesApi && (
            <a
              href="#notes"
              aria-current={route.view === 'notes' ? 'page' : undefined}
              data-testid="notes-link"
              onClick={(event) => {
                event.preventDefault();
                navigate({ view: 'notes', search: route.search });
              }}
            >
              {t('notes.view')}
            </a>
          )}
          <a
            href="#archives"
            aria-current={route.view === 'archives' ? 'page' : undefined}
            data-testid="archives-link"
            onClick={(event) => {
              event.preventDefault();
              navigate({ view: 'archives', search: route.search });
            }}
          >
            {t('library.view')}
          </a>
        </nav>
      )}
      {status.state === 'ready' && status.problems && status.problems.length > 0 && (
        <div className="banner" role="status" data-testid="archive-problems-banner">
          {t('library.problemsBanner', {
            count: status.problems.length,
            names: status.problems.map((problem) => problem.path.split(/[\\/]/).pop() ?? problem.path).join(', '),
          })}
        </div>
      )}
      <LibraryMessageBanner library={library} />
      {userDataStatus?.recovered && (
        <div className="banner" role="alert" data-testid="recovered-banner">
          {userDataStatus.recovered.from
            ? t('notes.recoveredFrom', {
                from: describeBackup(userDataStatus.recovered.from, i18n.language),
                kept: userDataStatus.recovered.corruptFileKeptAt,
              })
            : t('notes.recoveredFresh', { kept: userDataStatus.recovered.corruptFileKeptAt })}
        </div>
      )}
      {userDataStatus?.backupError && (
        <div className="banner" role="status">
          {t('notes.backupFailed', { message: userDataStatus.backupError })}
        </div>
      )}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="live-count">
        {announcement}
      </p>
      {status.state === 'loading' && (
        <div className="app-status" role="status">
          <span className="spinner" aria-hidden="true" /> {t('app.loading')}
        </div>
      )}
      {status.state === 'error' && status.problem && (
        <CorpusProblemScreen
          api={api}
          problem={status.problem}
          message={status.message}
          onRetry={() => setRetryToken((n) => n + 1)}
        />
      )}
      {status.state === 'error' && !status.problem && (
        <div className="app-status" role="alert">
          <p>{t('app.loadFailed')}</p>
          <p className="app-status-detail">{status.message}</p>
          <button type="button" className="button" onClick={() => setRetryToken((n) => n + 1)}>
            {t('errors.retry')}
          </button>
        </div>
      )}
      {ready && (
        <div className="app-body">
          <div
            className={route.view === 'search' ? 'search-view' : 'search-view hidden'}
            hidden={route.view !== 'search'}
          >
            <FacetPanel
              facets={response?.facets ?? null}
              selected={route.search.filters}
              onToggle={toggleFacet}
              onClear={clearFacets}
              archiveNames={archiveNames}
            />
            {/* data-results-key names the search whose answer is on screen (benchmarks and tests wait on it). */}
            <section
              className="results-pane"
              aria-labelledby="results-heading"
              id="results"
              data-results-key={results?.key ?? ''}
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
                {searching && <span className="searching">{t('search.searching')}</span>}
                {response && total > 0 && (
                  <SaveResultsEpubButton
                    api={api}
                    notesApi={notesApi}
                    request={{
                      query: route.search.query,
                      filters: toSearchFilters(route.search.filters),
                      sort: effectiveSort(route.search),
                    }}
                    title={isLibrary ? (library.archives[0]?.name ?? t('app.title')) : route.search.query}
                    wholeArchive={isLibrary && !hasFilters}
                  />
                )}
                <label className="inline-field sort-field">
                  <span>{t('search.sort')}</span>
                  <select
                    data-testid="sort-select"
                    value={isLibrary ? 'date' : route.search.sort}
                    disabled={isLibrary}
                    onChange={(event) =>
                      navigate({
                        view: 'search',
                        search: {
                          ...route.search,
                          query: draftQuery,
                          sort: event.target.value === 'date' ? 'date' : 'relevance',
                        },
                      })
                    }
                  >
                    <option value="relevance">{t('search.sortRelevance')}</option>
                    <option value="date">{t('search.sortDate')}</option>
                  </select>
                </label>
              </div>
              {response?.notice?.code === 'literal-fallback' && (
                <p className="notice" role="note" data-testid="notice-literal">
                  {t('search.literalFallback')}
                </p>
              )}
              {response?.notice?.code === 'query-truncated' && (
                <p className="notice" role="note">
                  {t('search.truncated')}
                </p>
              )}
              {searchError && (
                <p className="error" role="alert">
                  {searchError}
                </p>
              )}
              {response && total === 0 && !stale && (
                <div className="no-results" data-testid="no-results">
                  <p>
                    {hasFilters && isLibrary
                      ? t('search.noResultsFiltered')
                      : t('search.noResults', { query: route.search.query })}
                  </p>
                  <QueryHelp />
                </div>
              )}
              <ResultList
                listRef={listRef}
                hits={results?.hits ?? []}
                total={total}
                activeIndex={activeIndex}
                onActiveIndexChange={setActiveIndex}
                onOpen={openHit}
                onNeedMore={loadMore}
                loadingMore={loadingMore}
                label={t('search.resultList')}
                annotationCounts={annotationCounts}
                archiveNames={archiveNames}
              />
            </section>
          </div>
          {route.view === 'doc' && (
            <Reader
              api={api}
              id={route.id}
              terms={response?.terms ?? []}
              phrases={response?.phrases ?? []}
              textSizeIndex={textSizeIndex}
              onTextSizeIndexChange={(index) => {
                saveTextSizeIndex(index);
                setTextSizeIndex(index);
              }}
              onOpenDocument={openDocument}
              onOpenExternal={openExternal}
              onBackToResults={backToResults}
              backLabel={isLibrary ? t('reader.backToLibrary') : t('reader.backToResults')}
              findRequest={findRequest}
              notesApi={notesApi}
              focusAnnotationId={route.focus ?? null}
            />
          )}
          {route.view === 'archives' && <LibraryView library={library} />}
          {route.view === 'notes' && notesApi && (
            <NotesView
              api={api}
              notesApi={notesApi}
              onOpen={(annotation) =>
                navigate({ view: 'doc', id: annotation.documentId, search: route.search, focus: annotation.id })
              }
            />
          )}
        </div>
      )}
      <AboutDialog open={aboutOpen} api={api} onClose={() => setAboutOpen(false)} />
      <DowngradeDialog library={library} />
      {ready && <PackDropOverlay onDrop={library.installFile} />}
      <ExternalLinkDialog
        url={pendingUrl?.url ?? null}
        onAnswer={(open) => {
          pendingUrl?.answer(open);
          setPendingUrl(null);
        }}
      />
    </div>
  );
}
