import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * Portable mode as main.ts wires it: the real main entry loaded with Electron and
 * worker_threads replaced, `process.execPath` pointing into a fake USB stick. Checks that
 * the paths move BEFORE the worker reads userData and before 'ready', that the window
 * settings land on the stick, and that a stick that cannot be written falls back with a
 * dialog. (The worker itself writing there is in portable.test.ts.)
 */
const shared = vi.hoisted(() => ({
  calls: [] as string[],
  paths: new Map<string, string>(),
  workers: [] as Array<{ userDataDir?: string }>,
  windows: [] as Array<{ emit(event: string): boolean }>,
  dialogs: [] as Array<Record<string, unknown>>,
  resolveReady: () => undefined,
}));

vi.mock('node:worker_threads', async () => {
  const { EventEmitter } = await import('node:events');
  class Worker extends EventEmitter {
    constructor(_file: string, options: { workerData: { userDataDir?: string } }) {
      super();
      shared.calls.push('worker');
      shared.workers.push(options.workerData);
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
  const ready = new Promise<void>((resolve) => {
    shared.resolveReady = () => {
      shared.calls.push('ready');
      resolve();
    };
  });
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    requestSingleInstanceLock: () => true,
    setAsDefaultProtocolClient: () => true,
    quit: vi.fn(),
    enableSandbox: vi.fn(),
    commandLine: { appendSwitch: vi.fn() },
    getAppPath: () => '/opt/Archivo/resources/app.asar',
    getVersion: () => '0.1.0',
    getPath: (name: string) => shared.paths.get(name) ?? '/nonexistent',
    setPath: (name: string, value: string) => {
      shared.calls.push(`setPath:${name}`);
      shared.paths.set(name, value);
    },
    whenReady: () => ready,
  });
  class BrowserWindow extends EventEmitter {
    readonly webContents = Object.assign(new EventEmitter(), {
      id: 1,
      send: vi.fn(),
      getZoomFactor: () => 1,
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
    isMinimized() {
      return false;
    }
    constructor() {
      super();
      shared.windows.push({ emit: (event: string) => this.emit(event) });
    }
  }
  const session = () => ({
    webRequest: { onBeforeRequest: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
  });
  return {
    app,
    BrowserWindow,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: session() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    ipcMain: { handle: vi.fn(), on: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
    dialog: {
      showMessageBox: vi.fn(async (...args: unknown[]) => {
        shared.dialogs.push(args.at(-1) as Record<string, unknown>);
        return { response: 0 };
      }),
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
      showSaveDialog: vi.fn(async () => ({ canceled: true })),
    },
    shell: { openExternal: vi.fn() },
  };
});

let work: string;
let home: string;
const realExecPath = process.execPath;

/** Loads main.ts afresh as if the app had been started from `execPath`. */
async function startMainFrom(execPath: string): Promise<void> {
  vi.resetModules();
  shared.calls.length = 0;
  shared.workers.length = 0;
  shared.windows.length = 0;
  shared.dialogs.length = 0;
  shared.paths = new Map([
    ['userData', path.join(home, '.config', 'Archivo sin conexión')],
    ['documents', path.join(home, 'Documentos')],
  ]);
  Object.defineProperty(process, 'execPath', { value: execPath, configurable: true, writable: true });
  await import('../../../src-main/main/main');
  shared.calls.push('imported');
  shared.resolveReady();
  await new Promise((resolve) => setTimeout(resolve, 20));
}

function stickWithMarker(name: string): string {
  const stick = path.join(work, name);
  mkdirSync(stick);
  writeFileSync(path.join(stick, 'archivo-sin-conexion'), '');
  writeFileSync(path.join(stick, 'portable'), '');
  return stick;
}

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'portable-wiring-'));
  home = path.join(work, 'home');
  mkdirSync(home);
  Object.assign(process, { resourcesPath: '/opt/Archivo/resources' });
});

afterAll(() => {
  Object.defineProperty(process, 'execPath', { value: realExecPath, configurable: true, writable: true });
  rmSync(work, { recursive: true, force: true });
});

describe('main.ts in portable mode', () => {
  it('moves userData, sessionData and crashDumps beside the executable before the worker starts and before ready', async () => {
    const stick = stickWithMarker('stick');
    await startMainFrom(path.join(stick, 'archivo-sin-conexion'));
    const data = path.join(stick, 'Archivo-datos');
    const order = shared.calls.filter((call) => call.startsWith('setPath') || call === 'worker' || call === 'ready');
    expect(order).toEqual(['setPath:userData', 'setPath:sessionData', 'setPath:crashDumps', 'worker', 'ready']);
    expect(shared.paths.get('userData')).toBe(data);
    expect(shared.paths.get('sessionData')).toBe(data);
    expect(shared.workers[0]?.userDataDir).toBe(data);

    // Window settings written at close go to the stick too; HOME stays empty; no warning shown.
    expect(shared.windows).toHaveLength(1);
    shared.windows[0]?.emit('close');
    expect(JSON.parse(readFileSync(path.join(data, 'shell-settings.json'), 'utf8'))).toMatchObject({ version: 1 });
    expect(readdirSync(home)).toEqual([]);
    expect(shared.dialogs).toEqual([]);
  });

  it('falls back to the per-user folder with a warning dialog when the stick cannot be written', async () => {
    const stick = stickWithMarker('locked');
    writeFileSync(path.join(stick, 'Archivo-datos'), 'a file where the folder should be');
    await startMainFrom(path.join(stick, 'archivo-sin-conexion'));
    expect(shared.calls.some((call) => call.startsWith('setPath'))).toBe(false);
    expect(shared.workers[0]?.userDataDir).toBe(path.join(home, '.config', 'Archivo sin conexión'));
    expect(shared.dialogs).toHaveLength(1);
    expect(shared.dialogs[0]).toMatchObject({ type: 'warning' });
    expect(String(shared.dialogs[0]?.detail)).toContain(path.join(stick, 'Archivo-datos'));
  });

  it('without a marker nothing moves', async () => {
    const plain = path.join(work, 'installed');
    mkdirSync(plain);
    await startMainFrom(path.join(plain, 'archivo-sin-conexion'));
    expect(shared.calls.some((call) => call.startsWith('setPath'))).toBe(false);
    expect(shared.workers[0]?.userDataDir).toBe(path.join(home, '.config', 'Archivo sin conexión'));
    expect(existsSync(path.join(plain, 'Archivo-datos'))).toBe(false);
  });
});
