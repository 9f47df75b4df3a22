import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit, SortOrder } from '../../src-main/common/types';
import type { Transport } from '../api';
import { formatRoute, parseRoute, type FilterName, type Route, type SearchState } from '../lib/route';
import { useLibrary } from '../lib/use-library';
import { DowngradeDialog, LibraryView, PublisherDialog } from './LibraryView';
import { PackDropOverlay } from './PackDropOverlay';
import { useDebounced } from '../lib/use-debounced';
import { useLatest } from '../lib/use-latest';
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
import { SearchView } from './SearchView';
import { Reader } from './Reader';
import { AboutDialog } from './AboutDialog';
import { ExternalLinkDialog } from './ExternalLinkDialog';
import { NotesView } from './NotesView';
import { CorpusProblemScreen } from './CorpusProblemScreen';
import { AppBanners } from './AppBanners';
import { ViewSwitch } from './ViewSwitch';
import { useArchiveStatus } from '../app/use-archive-status';
import { useAnnotationsAvailability } from '../app/use-annotations-availability';
import { searchRequestOf, useAnnotationCounts, useSearchResults } from '../app/use-search-results';
import { useGlobalShortcuts } from '../app/use-global-shortcuts';
import { OfflineStatus } from '../offline/OfflineStatus';
import { SaveResultsEpubButton } from '../epub/SaveEpubButton';
import { useActivitySettings } from '../collect/use-activity-settings';
import { useSearchHistory } from '../collect/use-search-history';
import { CollectionsView } from '../collect/CollectionsView';
import { CollectionPicker } from '../collect/CollectionPicker';
import { SaveSearchButton } from '../collect/SaveSearchButton';
import { ContinueReading } from '../collect/ContinueReading';
import { ExportResultsButton } from '../citations/ExportResultsButton';
import { LockScreen } from '../lock/LockScreen';
import { EncryptionSettings } from '../lock/EncryptionSettings';
import { useNotesLock } from '../lock/use-notes-lock';

/**
 * Pause in typing before the query is searched. Short, because the archive answers in tens of
 * milliseconds and the result list should follow the keystroke (target: rendered within 100 ms);
 * stale answers are dropped, so searching on nearly every key of a fast typist is harmless.
 * A keystroke after a quiet spell longer than this is searched at once (leading edge): only
 * the keys of a burst wait.
 */
const TYPING_DEBOUNCE_MS = 50;

export function App({ transport }: { transport: Transport }) {
  const { api } = transport;
  const { t, i18n } = useTranslation();
  const { status, retry } = useArchiveStatus(api, t);
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  const [draftQuery, setDraftQuery] = useState(route.search.query);
  const [theme, setTheme] = useState<ThemeChoice>(loadTheme);
  const [textSizeIndex, setTextSizeIndex] = useState(loadTextSizeIndex);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [pendingUrl, setPendingUrl] = useState<{ url: string; answer: (open: boolean) => void } | null>(null);
  const [findRequest, setFindRequest] = useState(0);
  const searchInputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const focusListOnReturn = useRef(false);
  const language: LanguageChoice = i18n.language === 'en' ? 'en' : 'es';
  const ready = status.state === 'ready';

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
  const routeRef = useLatest(route);

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
  const annotations = useAnnotationsAvailability(api, ready);
  const { notesApi } = annotations;
  // Collections, history and reading positions live with the notes: where notes are off, so are they.
  const activity = useActivitySettings(notesApi);
  useSearchHistory(notesApi, activity.settings.keepSearchHistory, route.view === 'search' ? route.search : null);
  const notesLock = useNotesLock(notesApi, annotations.userDataStatus);

  // The loading notice can take focus from autoFocus in some shells: focus the box once search is possible.
  useEffect(() => {
    if (ready && routeRef.current.view === 'search') searchInputRef.current?.focus();
  }, [ready, routeRef]);

  // --- typing → route (debounced), route → search ---------------------------------------
  const settledQuery = useDebounced(draftQuery, TYPING_DEBOUNCE_MS);
  const commitQuery = useCallback(
    (query: string) => {
      const current = routeRef.current;
      if (query === current.search.query) return;
      const search = { ...current.search, query };
      // Typing refines the same search (one history entry); typing while reading goes to the results.
      if (current.view === 'search') navigate({ view: 'search', search }, { replace: true });
      else navigate({ view: 'search', search });
    },
    [navigate, routeRef],
  );
  useEffect(() => {
    commitQuery(settledQuery);
  }, [settledQuery, commitQuery]);
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
  const draftQueryRef = useLatest(draftQuery);

  const searchResults = useSearchResults({
    api,
    ready,
    search: route.search,
    libraryRevision: library.revision,
    t,
  });
  const { results, setActiveIndex } = searchResults;
  const annotationCounts = useAnnotationCounts(notesApi, results?.hits ?? [], route.view === 'search');

  // --- actions --------------------------------------------------------------------------
  const openDocument = useCallback(
    (id: string) => {
      navigate({
        view: 'doc',
        id,
        search: { ...routeRef.current.search, query: searchInputRef.current?.value ?? routeRef.current.search.query },
      });
    },
    [navigate, routeRef],
  );
  const backToResults = useCallback(() => {
    focusListOnReturn.current = true;
    navigate({ view: 'search', search: routeRef.current.search });
  }, [navigate, routeRef]);
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
    [navigate, setActiveIndex, draftQueryRef, routeRef],
  );
  const changeSort = (sort: SortOrder) => {
    navigate({ view: 'search', search: { ...route.search, query: draftQuery, sort } });
  };
  const openHit = useCallback(
    (hit: SearchHit) => {
      openDocument(hit.id);
    },
    [openDocument],
  );
  const prefetchHit = useCallback((hit: SearchHit) => transport.prefetchDocument(hit.id), [transport]);
  const confirmUrl = useCallback(
    (url: string) =>
      new Promise<boolean>((resolve) => {
        setPendingUrl({ url, answer: resolve });
      }),
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
  useGlobalShortcuts({
    view: route.view,
    searchInputRef,
    onFind: () => {
      setFindRequest((n) => n + 1);
    },
    onBackToResults: backToResults,
  });

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
  const focusList = () => {
    commitQuery(draftQuery);
    listRef.current?.focus();
  };

  // Encrypted notes locked: nothing of the archive or the notes is rendered at all.
  if (notesLock.locked) return <LockScreen onUnlock={(passphrase) => notesLock.unlock(passphrase)} />;

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
        onSubmit={focusList}
        onArrowDown={focusList}
        language={language}
        onLanguageChange={changeLanguage}
        theme={theme}
        onThemeChange={(next) => {
          saveTheme(next);
          setTheme(next);
        }}
        onAbout={() => {
          setAboutOpen(true);
        }}
        searchDisabled={status.state === 'error'}
      />
      {ready && (
        <ViewSwitch
          view={route.view}
          notesShown={notesApi !== null}
          onGo={(view) => {
            navigate({ view, search: route.search });
          }}
        />
      )}
      {/* The one main landmark of every view: banners, status and whichever view is open. */}
      <main className="app-main" id="main">
        {/* Inside the main landmark: what this tab keeps is part of the page, not of the chrome. */}
        {transport.offline && <OfflineStatus keeper={transport.offline} api={api} ready={ready} />}
        <AppBanners
          problems={status.state === 'ready' ? status.problems : undefined}
          library={library}
          userDataStatus={annotations.userDataStatus}
        />
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
            library={library}
            onRetry={retry}
          />
        )}
        {status.state === 'error' && !status.problem && (
          <div className="app-status" role="alert">
            <p>{t('app.loadFailed')}</p>
            <p className="app-status-detail">{status.message}</p>
            <button type="button" className="button" onClick={retry}>
              {t('errors.retry')}
            </button>
          </div>
        )}
        {ready && (
          <div className="app-body">
            <SearchView
              hidden={route.view !== 'search'}
              search={route.search}
              results={results}
              provisional={searchResults.provisional}
              currentKey={searchResults.currentKey}
              searching={searchResults.searching}
              searchError={searchResults.searchError}
              loadingMore={searchResults.loadingMore}
              onNeedMore={searchResults.loadMore}
              activeIndex={searchResults.activeIndex}
              onActiveIndexChange={setActiveIndex}
              onOpen={openHit}
              onPrefetch={prefetchHit}
              onToggleFacet={toggleFacet}
              onClearFacets={clearFacets}
              onSortChange={changeSort}
              onSearchChange={changeSearch}
              listRef={listRef}
              annotationCounts={annotationCounts}
              archiveNames={archiveNames}
              lead={
                notesApi && isLibrary && activity.settings.rememberReading ? (
                  <ContinueReading notesApi={notesApi} />
                ) : undefined
              }
              resultActions={
                <>
                  {notesApi && !isLibrary && <SaveSearchButton notesApi={notesApi} search={route.search} />}
                  {notesApi && results && (
                    <CollectionPicker
                      notesApi={notesApi}
                      documentIds={results.hits.map((hit) => hit.id)}
                      label={t('collect.addResults')}
                      title={t('collect.pickerResultsTitle', { count: results.hits.length })}
                      testId="add-results-to-collection"
                    />
                  )}
                  <ExportResultsButton
                    api={api}
                    request={searchRequestOf(route.search)}
                    title={isLibrary ? (library.archives[0]?.name ?? t('app.title')) : route.search.query}
                  />
                  <SaveResultsEpubButton
                    api={api}
                    notesApi={notesApi}
                    request={searchRequestOf(route.search)}
                    title={isLibrary ? (library.archives[0]?.name ?? t('app.title')) : route.search.query}
                    wholeArchive={
                      isLibrary &&
                      !route.search.from &&
                      !route.search.to &&
                      Object.values(route.search.filters).every((values) => values.length === 0)
                    }
                  />
                </>
              }
            />
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
                annotationsOff={annotations.off}
                focusAnnotationId={route.focus ?? null}
                rememberReading={activity.settings.rememberReading}
                extraActions={
                  notesApi ? (
                    <CollectionPicker
                      notesApi={notesApi}
                      documentIds={[route.id]}
                      label={t('collect.addDocument')}
                      title={t('collect.pickerTitle')}
                      testId="document-collections"
                    />
                  ) : undefined
                }
              />
            )}
            {route.view === 'archives' && <LibraryView library={library} />}
            {(route.view === 'collections' || route.view === 'collection') &&
              (notesApi ? (
                <CollectionsView
                  api={api}
                  notesApi={notesApi}
                  activity={activity}
                  selectedId={route.view === 'collection' ? route.id : null}
                />
              ) : (
                annotations.off && (
                  <p className="app-status" role="note">
                    {t('collect.unavailable')}
                  </p>
                )
              ))}
            {route.view === 'notes' && notesApi && (
              // One column: the notes, then their encryption settings (the body is a flex row).
              <div className="notes-page">
                <NotesView
                  api={api}
                  notesApi={notesApi}
                  onOpen={(annotation) => {
                    navigate({ view: 'doc', id: annotation.documentId, search: route.search, focus: annotation.id });
                  }}
                />
                <EncryptionSettings notesApi={notesApi} lock={notesLock} />
              </div>
            )}
          </div>
        )}
      </main>
      <AboutDialog
        open={aboutOpen}
        api={api}
        onClose={() => {
          setAboutOpen(false);
        }}
      />
      <DowngradeDialog library={library} />
      <PublisherDialog library={library} />
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
