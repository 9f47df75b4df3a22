import type { MouseEvent } from 'react';

/**
 * A plain left click on a link, which the app handles itself. Any other (middle button, Ctrl,
 * Cmd, Shift, Alt) is left to the browser: open in a new tab or window, download, and so on.
 */
export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}
