import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A small stand-in for the parts of Electron that main.ts touches, for tests that load the
 * real main entry (one load per test file: main.ts starts on import). It records what the
 * wiring did: windows created, workers started, quit, focus.
 */
export interface FakeWindow extends EventEmitter {
  options: Record<string, unknown>;
  minimized: boolean;
  focus: ReturnType<typeof vi.fn>;
  restore: ReturnType<typeof vi.fn>;
}

export interface FakeElectronState {
  lockGranted: boolean;
  windows: FakeWindow[];
  workers: string[];
  resolveReady: () => void;
}

export function createFakeElectron(state: FakeElectronState, userData: string): Record<string, unknown> {
  const ready = new Promise<void>((resolve) => (state.resolveReady = resolve));
  const fakeSession = () => ({
    webRequest: { onBeforeRequest: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
  });
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    requestSingleInstanceLock: vi.fn(() => state.lockGranted),
    setAsDefaultProtocolClient: vi.fn(() => true),
    getLocale: () => 'es-ES',
    quit: vi.fn(),
    enableSandbox: vi.fn(),
    commandLine: { appendSwitch: vi.fn() },
    setPath: vi.fn(),
    getAppPath: () => '/opt/Archivo/resources/app.asar',
    getVersion: () => '0.1.0',
    getPath: (name: string) => (name === 'userData' ? userData : '/nonexistent'),
    whenReady: () => ready,
  });
  class BrowserWindow extends EventEmitter implements FakeWindow {
    minimized = false;
    readonly focus = vi.fn();
    readonly restore = vi.fn(() => {
      this.minimized = false;
    });
    readonly webContents = Object.assign(new EventEmitter(), {
      id: 1,
      send: vi.fn(),
      getZoomFactor: () => 1,
      setZoomFactor: vi.fn(),
    });
    readonly loadURL = vi.fn(async () => undefined);
    readonly maximize = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push(this);
    }
    isMinimized() {
      return this.minimized;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1280, height: 820 };
    }
    isMaximized() {
      return false;
    }
  }
  return {
    app,
    BrowserWindow,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: fakeSession() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    ipcMain: { handle: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
    dialog: { showMessageBox: vi.fn(), showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
    shell: { openExternal: vi.fn() },
  };
}

/** node:worker_threads with a Worker that only records its script path. */
export async function fakeWorkerThreads(state: FakeElectronState): Promise<Record<string, unknown>> {
  class Worker extends EventEmitter {
    constructor(script: string) {
      super();
      state.workers.push(script);
    }
    postMessage(): void {}
    async terminate(): Promise<number> {
      return 0;
    }
  }
  return { Worker, default: { Worker } };
}
