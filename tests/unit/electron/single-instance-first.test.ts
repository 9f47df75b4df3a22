import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeElectronState } from './fake-electron';

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
