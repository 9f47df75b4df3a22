import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeElectronState, FakeWindow } from './fake-electron';

/**
 * The running instance holds the single-instance lock; when the user starts the app again,
 * Electron sends it 'second-instance' and it brings its one window back: restored if it was
 * minimised, then focused. No second window is opened. Also: the default session is guarded
 * once, spellcheck off, as the network guard promises.
 */
const shared = vi.hoisted(() => {
  const state: FakeElectronState = { lockGranted: true, windows: [], workers: [], resolveReady: () => undefined };
  const electron: Record<string, unknown> = {};
  return { state, electron, userData: '' };
});
shared.userData = mkdtempSync(path.join(os.tmpdir(), 'first-instance-userdata-'));

vi.mock('node:worker_threads', async () => (await import('./fake-electron')).fakeWorkerThreads(shared.state));
vi.mock('electron', async () => {
  Object.assign(shared.electron, (await import('./fake-electron')).createFakeElectron(shared.state, shared.userData));
  return shared.electron;
});

type App = { quit: ReturnType<typeof vi.fn>; emit(event: string, ...args: unknown[]): boolean };
const app = () => shared.electron.app as App;

beforeAll(async () => {
  Object.assign(process, { resourcesPath: '/opt/Archivo/resources' });
  await import('../../../src-main/main/main');
  shared.state.resolveReady();
  await new Promise((resolve) => setImmediate(resolve));
});

afterAll(() => rmSync(shared.userData, { recursive: true, force: true }));

describe('first instance', () => {
  it('keeps running with one window and one archive worker', () => {
    expect(app().quit).not.toHaveBeenCalled();
    expect(shared.state.windows).toHaveLength(1);
    expect(shared.state.workers).toHaveLength(1);
  });

  it('restores and focuses its window when a second copy is started, without opening another', () => {
    const window = shared.state.windows[0]!;
    window.minimized = true;
    app().emit('second-instance', {}, ['/opt/Archivo/archivo'], '/home/user');
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(1);

    // Not minimised: focused only.
    app().emit('second-instance', {}, ['/opt/Archivo/archivo'], '/home/user');
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(2);
    expect(shared.state.windows).toHaveLength(1);
    expect(app().quit).not.toHaveBeenCalled();
  });

  it('registers archivo:// and opens a permalink from a second start (argv) or macOS open-url in its one window', () => {
    const electron = shared.electron as {
      app: App & { setAsDefaultProtocolClient: ReturnType<typeof vi.fn> };
      dialog: { showMessageBox: ReturnType<typeof vi.fn> };
    };
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('archivo');
    const window = shared.state.windows[0]! as FakeWindow & { loadURL: ReturnType<typeof vi.fn> };
    window.minimized = true;
    const id = '3f2a9c0d1e4b5a67';
    const note = '0b8e6f1c-2d3a-4b5c-8d9e-0f1a2b3c4d5e';
    app().emit('second-instance', {}, ['C:\\Archivo\\archivo.exe', `archivo://doc/${id}?a=${note}`], 'C:\\');
    expect(window.loadURL).toHaveBeenLastCalledWith(`app://app/index.html#doc/${id}?a=${note}`);
    expect(window.minimized).toBe(false);
    const openUrl = { preventDefault: vi.fn() };
    app().emit('open-url', openUrl, `archivo://doc/${id}`);
    expect(openUrl.preventDefault).toHaveBeenCalled();
    expect(window.loadURL).toHaveBeenLastCalledWith(`app://app/index.html#doc/${id}`);
    // A bad link changes nothing and says why, in the system's language (Spanish here).
    const loads = window.loadURL.mock.calls.length;
    app().emit('open-url', { preventDefault: vi.fn() }, 'archivo://doc/nada');
    expect(window.loadURL.mock.calls).toHaveLength(loads);
    expect(electron.dialog.showMessageBox).toHaveBeenLastCalledWith(
      window,
      expect.objectContaining({
        type: 'warning',
        message: 'El enlace «archivo://doc/nada» no se puede abrir: «nada» no es un identificador de documento.',
      }),
    );
    expect(shared.state.windows).toHaveLength(1);
  });

  it('turns the spellchecker off on the default session (its dictionaries come from the network)', () => {
    const session = (
      shared.electron.session as {
        defaultSession: {
          setSpellCheckerEnabled: ReturnType<typeof vi.fn>;
          webRequest: { onBeforeRequest: ReturnType<typeof vi.fn> };
        };
      }
    ).defaultSession;
    expect(session.setSpellCheckerEnabled.mock.calls).toEqual([[false]]);
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
  });
});
