import { BrowserWindow, type Rectangle } from 'electron';
import { MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH } from './window-size';

export { MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH };

export interface MainWindowOptions {
  title: string;
  preloadPath: string;
  startUrl: string;
  iconPath?: string;
  /** Placement saved from the last session; null for the default size, centred. */
  bounds?: Rectangle | null;
}

/**
 * The one window. Hidden until the first paint is ready, so no white flash.
 *
 * webPreferences is Electron's security checklist, written out inside the constructor call
 * on purpose: Electronegativity (`npm run scan:electron`) checks only what it sees in
 * `new BrowserWindow({...})`, not values returned by a helper. The page gets no Node, runs in
 * the OS sandbox, sees the preload's API only through the context bridge, and cannot load
 * insecure content or webviews. Spellcheck stays off because Chromium downloads its
 * dictionaries from the network. Middle-click (auxclick) is disabled so a link can never
 * be opened into a new window that way (new windows are denied anyway, see navigation-guard).
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: options.title,
    width: options.bounds?.width ?? 1280,
    height: options.bounds?.height ?? 820,
    ...(options.bounds ? { x: options.bounds.x, y: options.bounds.y } : {}),
    minWidth: MIN_WINDOW_WIDTH,
    minHeight: MIN_WINDOW_HEIGHT,
    show: false,
    backgroundColor: '#ffffff',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
