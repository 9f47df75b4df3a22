import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The views and dialogs that the first screen (home and results) does not show, each in a chunk
 * of its own: a phone on a hotspot downloads and compiles only what its first results need, and
 * the rest when it is opened (or, once the first results stand, while the page is idle).
 */

/**
 * A lazily loaded component that, once its chunk is here (opened before, or preloaded while the
 * page was idle), renders at once: React.lazy alone would still suspend on its first render and
 * flash the loading notice for a frame. Each instance keeps the way it started (switching from
 * the lazy wrapper to the loaded component would remount it and lose its state).
 */
function preloadable<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
): { Component: ComponentType<Props>; preload: () => Promise<unknown> } {
  let loaded: ComponentType<Props> | null = null;
  const loading = () =>
    load().then((component) => {
      loaded = component;
      return component;
    });
  const Lazy = lazy(() => loading().then((component) => ({ default: component })));
  function Component(props: Props) {
    const [Loaded] = useState(() => loaded);
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { Component, preload: loading };
}

const reader = preloadable(() => import('./Reader').then((module) => module.Reader));
const notes = preloadable(() => import('./NotesView').then((module) => module.NotesView));
const encryptionSettings = preloadable(() =>
  import('../lock/EncryptionSettings').then((module) => module.EncryptionSettings),
);
const encryptionQuestion = preloadable(() =>
  import('../lock/EncryptionQuestion').then((module) => module.EncryptionQuestion),
);
const lockScreen = preloadable(() => import('../lock/LockScreen').then((module) => module.LockScreen));
const collections = preloadable(() => import('../collect/CollectionsView').then((module) => module.CollectionsView));
const continueReading = preloadable(() =>
  import('../collect/ContinueReading').then((module) => module.ContinueReading),
);
const about = preloadable(() => import('./AboutDialog').then((module) => module.AboutDialog));
const externalLink = preloadable(() => import('./ExternalLinkDialog').then((module) => module.ExternalLinkDialog));
const resultActions = preloadable(() => import('./SearchResultActions').then((module) => module.SearchResultActions));

export const LazyReader = reader.Component;
export const LazyNotesView = notes.Component;
export const LazyEncryptionSettings = encryptionSettings.Component;
export const LazyEncryptionQuestion = encryptionQuestion.Component;
export const LazyLockScreen = lockScreen.Component;
export const LazyCollectionsView = collections.Component;
export const LazyContinueReading = continueReading.Component;
export const LazyAboutDialog = about.Component;
export const LazyExternalLinkDialog = externalLink.Component;
export const LazySearchResultActions = resultActions.Component;

const everyView = [
  reader,
  notes,
  encryptionSettings,
  encryptionQuestion,
  lockScreen,
  collections,
  continueReading,
  about,
  externalLink,
  resultActions,
];

/**
 * Fetches every lazy chunk while the page has nothing else to do (after the first results), so
 * that opening a document or a view later waits for no download. A failure is not reported
 * here: the view that needs the chunk asks again and shows its own error.
 */
let preloadStarted = false;
export function preloadLazyViews(): void {
  if (preloadStarted) return;
  preloadStarted = true;
  const load = () => {
    for (const view of everyView) view.preload().catch(() => undefined);
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(load, { timeout: 3000 });
  else setTimeout(load, 200);
}

/** What stands in a view's place while its chunk loads: announced politely, as the app's own loading notice. */
export function ViewLoading() {
  const { t } = useTranslation();
  return (
    <div className="app-status" role="status">
      <span className="spinner" aria-hidden="true" /> {t('searchSpeed.loadingView')}
    </div>
  );
}

/** A lazy view with the visible loading notice as its fallback. */
export function LazyView({ children }: { children: ReactNode }) {
  return <Suspense fallback={<ViewLoading />}>{children}</Suspense>;
}

/** A lazy part of the chrome (a dialog, a row of buttons): nothing shown until it has loaded. */
export function LazyPart({ children }: { children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
}

/**
 * True from the first time `wanted` is true: a lazy dialog is mounted when first opened and kept
 * mounted after, so that closing it returns focus as the native <dialog> does.
 */
export function useMountedOnceWanted(wanted: boolean): boolean {
  const [mounted, setMounted] = useState(wanted);
  if (wanted && !mounted) setMounted(true);
  return mounted || wanted;
}
