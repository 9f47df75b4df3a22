import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron is replaced: the test captures what the shell asks BrowserWindow for.
const created: Array<{
  options: Record<string, unknown>;
  once: Map<string, () => void>;
  show: ReturnType<typeof vi.fn>;
}> = [];
vi.mock('electron', () => {
  class BrowserWindow {
    readonly once: (event: string, listener: () => void) => void;
    readonly show = vi.fn();
    constructor(options: Record<string, unknown>) {
      const listeners = new Map<string, () => void>();
      this.once = (event, listener) => void listeners.set(event, listener);
      created.push({ options, once: listeners, show: this.show });
    }
  }
  return { BrowserWindow };
});

const { createMainWindow, MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH } = await import('../../../src-main/main/window');

beforeEach(() => {
  created.length = 0;
});

describe('main window', () => {
  it('uses the hardened webPreferences with the bundled preload', () => {
    createMainWindow({
      title: 'Archivo sin conexión',
      preloadPath: '/app/dist/preload/preload.cjs',
      startUrl: 'app://app/index.html',
    });
    // The whole object, so a key added or loosened later fails here and is reviewed.
    expect(created[0]?.options.webPreferences).toEqual({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium fetches spellcheck dictionaries from the network.
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('is at least 1024×640 and stays hidden until ready-to-show', () => {
    createMainWindow({ title: 'Archivo sin conexión', preloadPath: '/p.cjs', startUrl: 'app://app/index.html' });
    const window = created[0]!;
    expect(MIN_WINDOW_WIDTH).toBe(1024);
    expect(MIN_WINDOW_HEIGHT).toBe(640);
    expect(window.options).toMatchObject({ minWidth: 1024, minHeight: 640, show: false });
    expect(window.show).not.toHaveBeenCalled();
    window.once.get('ready-to-show')?.();
    expect(window.show).toHaveBeenCalledTimes(1);
  });
});
