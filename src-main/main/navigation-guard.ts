import type { Event, HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { isAppUrl } from './app-protocol';
import { isOpenableExternalUrl } from './external-links';

/** What the guard needs from a WebContents (narrow, so tests can pass a fake). */
export interface GuardableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: Event, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Event) => void): unknown;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
}

/** Receives http(s)/mailto URLs the page tried to open, for the confirm-then-open flow. */
export type ExternalLinkRequest = (url: string) => void;

/**
 * Keeps a WebContents inside the app: navigation and redirects may only stay on
 * app://app; new windows are never created; webviews never attach. A link to the web
 * that slips past the renderer's own handling is not followed but offered to the user
 * through the same confirmation dialog as `openExternal`.
 */
export function guardNavigation(contents: GuardableContents, onExternalLink: ExternalLinkRequest): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (isOpenableExternalUrl(url)) onExternalLink(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isOpenableExternalUrl(url)) onExternalLink(url);
    return { action: 'deny' };
  });
}
