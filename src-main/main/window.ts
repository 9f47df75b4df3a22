import { BrowserWindow, type Rectangle, type WebPreferences } from 'electron';
import { MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH } from './window-size';

export { MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH };

/**
 * Electron's security checklist as one value. The page gets no Node, runs in the OS
 * sandbox, sees the preload's API only through the context bridge, and cannot load
 * insecure content or webviews. Spellcheck stays off because Chromium downloads its
 * dictionaries from the network.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
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
  };
}

export interface MainWindowOptions {
  title: string;
  preloadPath: string;
  startUrl: string;
  iconPath?: string;
  /** Placement saved from the last session; null for the default size, centred. */
  bounds?: Rectangle | null;
}

/** The one window. Hidden until the first paint is ready, so no white flash. */
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
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
