import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ANNOTATION_IPC_CHANNELS,
  APP_SCHEME,
  ASSET_SCHEME,
  IPC_CHANNELS,
  PACK_IPC_CHANNELS,
} from '../../../src-main/common/ipc';

/**
 * Loads the real main entry with Electron and worker_threads replaced, and checks the
 * order and the one-place installation of everything security-relevant.
 */
// vi.mock factories run before this file's imports: everything they share lives in vi.hoisted.
const shared = vi.hoisted(() => {
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  return {
    calls: [] as string[],
    userData: '',
    ready,
    resolveReady: () => resolveReady(),
    electron: {},
    workers: [] as Array<{ path: string; options: { workerData: { databasePath: string } } }>,
    windows: [] as Array<{
      options: Record<string, unknown>;
      loadURL: ReturnType<typeof vi.fn>;
      emit(event: string): boolean;
    }>,
    fakeSession: () => ({
      webRequest: { onBeforeRequest: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setSpellCheckerEnabled: vi.fn(),
    }),
  };
});
const { calls, ready, electron, workers, windows, fakeSession } = shared;
shared.userData = mkdtempSync(path.join(os.tmpdir(), 'main-wiring-userdata-'));

vi.mock('node:worker_threads', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class Worker extends Emitter {
    constructor(path: string, options: { workerData: { databasePath: string } }) {
      super();
      workers.push({ path, options });
    }
    postMessage(): void {}
    async terminate(): Promise<number> {
      return 0;
    }
  }
  return { Worker, default: { Worker } };
});

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    requestSingleInstanceLock: vi.fn(() => true),
    setAsDefaultProtocolClient: vi.fn(() => true),
    quit: vi.fn(),
    enableSandbox: vi.fn(() => calls.push('enableSandbox')),
    commandLine: { appendSwitch: vi.fn() },
    getAppPath: () => '/opt/Archivo/resources/app.asar',
    getVersion: () => '0.1.0',
    getPath: (name: string) => (name === 'userData' ? shared.userData : '/nonexistent'),
    whenReady: () => ready,
  });
  class BrowserWindow extends EventEmitter {
    readonly webContents = Object.assign(new EventEmitter(), {
      id: 1,
      send: vi.fn(),
      getZoomFactor: () => 1.25,
      setZoomFactor: vi.fn(),
    });
    readonly loadURL = vi.fn(async () => undefined);
    readonly maximize = vi.fn();
    getNormalBounds() {
      return { x: 40, y: 30, width: 1300, height: 850 };
    }
    isMaximized() {
      return false;
    }
    constructor(options: Record<string, unknown>) {
      super();
      windows.push({ options, loadURL: this.loadURL, emit: (event: string) => this.emit(event) });
    }
  }
  Object.assign(electron, {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn(),
    },
    session: { defaultSession: fakeSession() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    ipcMain: { handle: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
    dialog: { showMessageBox: vi.fn() },
    shell: { openExternal: vi.fn() },
  });
  return electron;
});

type Mock = ReturnType<typeof vi.fn>;
const e = () =>
  electron as unknown as {
    app: EventEmitter & { requestSingleInstanceLock: Mock; enableSandbox: Mock; commandLine: { appendSwitch: Mock } };
    protocol: { registerSchemesAsPrivileged: Mock; handle: Mock };
    session: { defaultSession: ReturnType<typeof fakeSession> };
    ipcMain: { handle: Mock };
    Menu: { setApplicationMenu: Mock };
  };

beforeAll(async () => {
  // Electron sets this on `process`; plain Node does not.
  Object.assign(process, { resourcesPath: '/opt/Archivo/resources' });
  await import('../../../src-main/main/main');
  calls.push('imported');
  shared.resolveReady();
  await ready;
  await new Promise((resolve) => setImmediate(resolve));
});

afterAll(() => rmSync(shared.userData, { recursive: true, force: true }));

describe('main process wiring', () => {
  it('registers app:// and asset:// as standard, secure schemes before the app is ready', () => {
    expect(calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('imported'));
    const [schemes] = e().protocol.registerSchemesAsPrivileged.mock.calls[0] as [
      Array<{ scheme: string; privileges: Record<string, boolean> }>,
    ];
    expect(schemes.map((s) => s.scheme)).toEqual([APP_SCHEME, ASSET_SCHEME]);
    for (const scheme of schemes) {
      expect(scheme.privileges).toMatchObject({ standard: true, secure: true });
      // Without corsEnabled, no other origin can read what these schemes serve.
      expect(scheme.privileges.corsEnabled).toBeFalsy();
      expect(scheme.privileges.bypassCSP).toBeFalsy();
    }
    expect(e().app.enableSandbox).toHaveBeenCalled();
    expect(e().app.commandLine.appendSwitch).toHaveBeenCalledWith('dns-prefetch-disable');
  });

  it('takes the single-instance lock and focuses the window on a second launch', () => {
    expect(e().app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(e().app.listenerCount('second-instance')).toBe(1);
  });

  it('installs exactly one request blocker on the default session, and one per later session', () => {
    const { defaultSession } = e().session;
    e().app.emit('session-created', defaultSession);
    expect(defaultSession.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    const later = fakeSession();
    e().app.emit('session-created', later);
    expect(later.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
  });

  it('serves app:// and asset:// through protocol.handle', () => {
    expect(e().protocol.handle.mock.calls.map(([scheme]) => scheme)).toEqual([APP_SCHEME, ASSET_SCHEME]);
  });

  it('registers every IPC channel once', () => {
    const channels = e().ipcMain.handle.mock.calls.map(([channel]) => channel as string);
    expect(channels.sort()).toEqual(
      [
        ...Object.values(IPC_CHANNELS),
        ...Object.values(ANNOTATION_IPC_CHANNELS),
        ...Object.values(PACK_IPC_CHANNELS),
      ].sort(),
    );
  });

  it('opens the corpus in a worker thread from the packaged resources folder', () => {
    expect(workers).toHaveLength(1);
    expect(workers[0]?.path).toMatch(/archive-worker\.cjs$/);
    expect(workers[0]?.options.workerData.databasePath).toBe('/opt/Archivo/resources/corpus/corpus.sqlite');
    // The annotations open in the same worker, in the per-user app-data folder.
    expect((workers[0]?.options.workerData as { userDataDir?: string }).userDataDir).toBe(shared.userData);
  });

  it('creates one hidden window and loads the app:// start page into it', () => {
    expect(windows).toHaveLength(1);
    expect(windows[0]?.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true },
    });
    expect(windows[0]?.loadURL).toHaveBeenCalledWith('app://app/index.html');
    expect(e().Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
  });

  it('guards every WebContents created, including webviews and devtools', () => {
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    e().app.emit('web-contents-created', {}, contents);
    const events = contents.on.mock.calls.map(([name]) => name);
    expect(events).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
  });

  it('keeps window placement and zoom in userData, written when the window closes', () => {
    const file = path.join(shared.userData, 'shell-settings.json');
    expect(existsSync(file)).toBe(false);
    windows[0]?.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      window: { bounds: { x: 40, y: 30, width: 1300, height: 850 }, maximized: false },
      zoomFactor: 1.25,
    });
  });
});
