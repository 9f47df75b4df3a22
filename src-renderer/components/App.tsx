import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SearchHit } from '../../src-main/common/types';
import { useTranslation } from 'react-i18next';
import type { Transport } from '../api';
import { withSearchAhead } from '../api/search-ahead';
import { typingRequestOf } from '../app/search-request';
import { LibraryView } from './LibraryView';
import { AppDialogs } from './AppDialogs';
import { SearchHeader } from './SearchHeader';
import { LiveResultCount, LiveSearchResultActions, LiveSearchView } from './LiveSearchView';
import { AppBanners } from './AppBanners';
import { AppStatus } from './AppStatus';
import { ViewSwitch } from './ViewSwitch';
import { useArchiveStatus } from '../app/use-archive-status';
import { useSearchResults } from '../app/use-search-results';
import { useSearchStore } from '../app/search-store';
import { useGlobalShortcuts } from '../app/use-global-shortcuts';
import { useNavigation } from '../app/use-navigation';
import { useQueryTyping } from '../app/use-query-typing';
import { useSearchActions } from '../app/use-search-actions';
import { usePreferences } from '../app/use-preferences';
import { useExternalLinks } from '../app/use-external-links';
import { useAnnotationsState } from '../app/use-annotations-state';
import { useArchivesState } from '../app/use-archives-state';
import { OfflineStatus } from '../offline/OfflineStatus';
import { rowCollectorFor } from '../collect/row-collector';
import { UserDataViews } from './UserDataViews';
// Not lazy: the results' row collector (row-collector.tsx) needs it on the first screen anyway.
import { CollectionPicker } from '../collect/CollectionPicker';
import {
  LazyContinueReading,
  LazyEncryptionQuestion,
  LazyLockScreen,
  LazyPart,
  LazyReader,
  LazyView,
  preloadLazyViews,
} from './lazy-views';

/**
 * The app's frame: header, view switch, banners and whichever view the route names. Its state
 * lives in hooks by concern (src-renderer/app): the route and the search box, the search, the
 * archives, the user's annotations, the preferences; this component only wires them to the views.
 */
export function App({ transport }: { transport: Transport }) {
  // A keystroke's search leaves from the key's event, before React renders it (search-ahead.ts).
  const { api, searchAhead } = useMemo(() => withSearchAhead(transport.api), [transport.api]);
  const { t } = useTranslation();
  const { status, retry } = useArchiveStatus(api, t, transport.firstAnswers?.status ?? null);
  const ready = status.state === 'ready';
  const navigation = useNavigation();
  const { route, draftQuery, routeRef } = navigation;
  const preferences = usePreferences();
  const links = useExternalLinks(transport);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [findRequest, setFindRequest] = useState(0);
  const searchInputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const { library, archiveNames } = useArchivesState(api, ready, t);
  const userData = useAnnotationsState(api, ready, route.view === 'search' ? route.search : null);
  const { notesApi, activity, notesLock } = userData;

  // The loading notice can take focus from autoFocus in some shells: focus the box once search is possible.
  useEffect(() => {
    if (ready && routeRef.current.view === 'search') searchInputRef.current?.focus();
  }, [ready, routeRef]);
  useEffect(() => {
    if (route.view === 'search') document.title = t('app.title');
  }, [route.view, t]);

  const { changeDraftQuery, commitQuery } = useQueryTyping(
    navigation,
    (search) => {
      searchAhead(typingRequestOf(search));
    },
    searchInputRef,
  );
  // The search's state lives in a store: an answer renders the views that show it, not this frame.
  const searchController = useSearchResults({
    api,
    ready,
    search: route.search,
    libraryRevision: library.revision,
    t,
    known: transport.firstAnswers?.search ?? null,
  });
  const { store: searchStore, setActiveIndex } = searchController;
  const hasRows = useCallback(() => (searchStore.get().results?.hits.length ?? 0) > 0, [searchStore]);
  const actions = useSearchActions({ navigation, hasRows, setActiveIndex, searchInputRef, listRef });
  const prefetchHit = useCallback((hit: SearchHit) => transport.prefetchDocument(hit.id), [transport]);
  useGlobalShortcuts({
    view: route.view,
    searchInputRef,
    onFind: () => {
      setFindRequest((n) => n + 1);
    },
    onBackToResults: actions.backToResults,
  });

  const hasResults = useSearchStore(searchStore, (state) => state.results !== null);
  useEffect(() => {
    if (hasResults) preloadLazyViews();
  }, [hasResults]);

  // The reader highlights the words of the search it was opened from (read only while it is open).
  const readerResponse = useSearchStore(searchStore, (state) =>
    route.view === 'doc' ? (state.results?.response ?? null) : null,
  );
  const isLibrary = route.search.query.trim() === '';
  // Stable between answers, so the memoised header does not re-render for them.
  const focusList = useCallback(() => {
    commitQuery(draftQuery);
    listRef.current?.focus();
  }, [commitQuery, draftQuery]);
  const openAbout = useCallback(() => {
    setAboutOpen(true);
  }, []);
  const closeAbout = useCallback(() => {
    setAboutOpen(false);
  }, []);

  // Encrypted notes locked: nothing of the archive or the notes is rendered at all.
  if (notesLock.locked)
    return (
      <LazyView>
        <LazyLockScreen onUnlock={(passphrase) => notesLock.unlock(passphrase)} />
      </LazyView>
    );

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
        language={preferences.language}
        onLanguageChange={preferences.changeLanguage}
        theme={preferences.theme}
        onThemeChange={preferences.changeTheme}
        onAbout={openAbout}
        searchDisabled={status.state === 'error'}
      />
      {ready && <ViewSwitch view={route.view} notesShown={notesApi !== null} onGo={actions.goToView} />}
      {/* The one main landmark of every view: banners, status and whichever view is open. */}
      <main className="app-main" id="main">
        {/* Inside the main landmark: what this tab keeps is part of the page, not of the chrome. */}
        {transport.offline && <OfflineStatus keeper={transport.offline} api={api} ready={ready} />}
        <AppBanners
          problems={status.state === 'ready' ? status.problems : undefined}
          library={library}
          userDataStatus={userData.userDataStatus}
        />
        <LiveResultCount store={searchStore} query={route.search.query} />
        <AppStatus api={api} status={status} library={library} onRetry={retry} />
        {ready && (
          <div className="app-body">
            <LiveSearchView
              controller={searchController}
              ready={ready}
              libraryRevision={library.revision}
              notesApi={notesApi}
              hidden={route.view !== 'search'}
              search={route.search}
              onOpen={actions.openHit}
              onPrefetch={prefetchHit}
              onToggleFacet={actions.toggleFacet}
              onClearFacets={actions.clearFacets}
              onSortChange={actions.changeSort}
              onSearchChange={actions.changeSearch}
              listRef={listRef}
              archiveNames={archiveNames}
              lead={
                notesApi ? (
                  <LazyPart>
                    <LazyEncryptionQuestion
                      notesApi={notesApi}
                      lock={notesLock}
                      ask={userData.userDataStatus?.askAboutEncryption === true}
                    />
                    {isLibrary && activity.settings.rememberReading && <LazyContinueReading notesApi={notesApi} />}
                  </LazyPart>
                ) : undefined
              }
              renderRowCollector={rowCollectorFor(notesApi, t)}
              resultActions={
                <LiveSearchResultActions
                  store={searchStore}
                  api={api}
                  notesApi={notesApi}
                  search={route.search}
                  libraryName={library.archives[0]?.name}
                />
              }
            />
            {route.view === 'doc' && (
              <LazyView>
                <LazyReader
                  api={api}
                  id={route.id}
                  terms={readerResponse?.terms ?? NO_WORDS}
                  phrases={readerResponse?.phrases ?? NO_WORDS}
                  textSizeIndex={preferences.textSizeIndex}
                  onTextSizeIndexChange={preferences.changeTextSizeIndex}
                  onOpenDocument={actions.openDocument}
                  onOpenExternal={links.openExternal}
                  onBackToResults={actions.backToResults}
                  backLabel={isLibrary ? t('reader.backToLibrary') : t('reader.backToResults')}
                  findRequest={findRequest}
                  notesApi={notesApi}
                  annotationsOff={userData.off}
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
              </LazyView>
            )}
            {route.view === 'archives' && <LibraryView library={library} />}
            <UserDataViews route={route} api={api} userData={userData} onOpenAnnotation={actions.openAnnotation} />
          </div>
        )}
      </main>
      <AppDialogs
        api={api}
        ready={ready}
        library={library}
        links={links}
        aboutOpen={aboutOpen}
        onAboutClose={closeAbout}
      />
    </div>
  );
}

/** The same empty list every time: a fresh `[]` would tell the reader its words changed. */
const NO_WORDS: string[] = [];
