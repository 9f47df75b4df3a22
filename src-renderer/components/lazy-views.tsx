import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The views and dialogs that the first screen (home and results) does not show, each in a chunk
 * of its own: a phone on a hotspot downloads and compiles only what its first results need, and
 * the rest when it is opened (or, once the first results stand, while the page is idle).
 */
const loaders = {
  reader: () => import('./Reader'),
  notes: () => import('./NotesView'),
  encryptionSettings: () => import('../lock/EncryptionSettings'),
  encryptionQuestion: () => import('../lock/EncryptionQuestion'),
  lockScreen: () => import('../lock/LockScreen'),
  collections: () => import('../collect/CollectionsView'),
  collectionPicker: () => import('../collect/CollectionPicker'),
  continueReading: () => import('../collect/ContinueReading'),
  about: () => import('./AboutDialog'),
  externalLink: () => import('./ExternalLinkDialog'),
  resultActions: () => import('./SearchResultActions'),
};

export const LazyReader = lazy(() => loaders.reader().then((module) => ({ default: module.Reader })));
export const LazyNotesView = lazy(() => loaders.notes().then((module) => ({ default: module.NotesView })));
export const LazyEncryptionSettings = lazy(() =>
  loaders.encryptionSettings().then((module) => ({ default: module.EncryptionSettings })),
);
export const LazyEncryptionQuestion = lazy(() =>
  loaders.encryptionQuestion().then((module) => ({ default: module.EncryptionQuestion })),
);
export const LazyLockScreen = lazy(() => loaders.lockScreen().then((module) => ({ default: module.LockScreen })));
export const LazyCollectionsView = lazy(() =>
  loaders.collections().then((module) => ({ default: module.CollectionsView })),
);
export const LazyCollectionPicker = lazy(() =>
  loaders.collectionPicker().then((module) => ({ default: module.CollectionPicker })),
);
export const LazyContinueReading = lazy(() =>
  loaders.continueReading().then((module) => ({ default: module.ContinueReading })),
);
export const LazyAboutDialog = lazy(() => loaders.about().then((module) => ({ default: module.AboutDialog })));
export const LazyExternalLinkDialog = lazy(() =>
  loaders.externalLink().then((module) => ({ default: module.ExternalLinkDialog })),
);
export const LazySearchResultActions = lazy(() =>
  loaders.resultActions().then((module) => ({ default: module.SearchResultActions })),
);

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
    for (const loader of Object.values(loaders)) loader().catch(() => undefined);
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
