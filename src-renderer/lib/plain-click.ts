import type { MouseEvent } from 'react';

/**
 * Whether the app handles a click on one of its links itself. A modified click (middle button,
 * Ctrl, Cmd, Shift, Alt) is left to the browser: new tab, new window, download. Except in the
 * Electron shell, which never opens a second window (main/navigation-guard.ts): there every
 * click opens the link in place, rather than doing nothing.
 */
export function isPlainClick(event: MouseEvent): boolean {
  if (window.archive !== undefined) return true;
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}
