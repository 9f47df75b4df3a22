import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeElectronState } from './fake-electron';

/**
 * A second copy of the app started while one runs: it must not get the single-instance lock
 * and must then quit before opening anything — no window, no worker, no user database — so
 * two writers never share the user's annotations. (The first instance's side is in
 * single-instance-first.test.ts.)
 */
const shared = vi.hoisted(() => {
  const state: FakeElectronState = { lockGranted: false, windows: [], workers: [], resolveReady: () => undefined };
  const electron: Record<string, unknown> = {};
  return { state, electron, userData: '' };
});
shared.userData = mkdtempSync(path.join(os.tmpdir(), 'second-instance-userdata-'));

vi.mock('node:worker_threads', async () => (await import('./fake-electron')).fakeWorkerThreads(shared.state));
vi.mock('electron', async () => {
  Object.assign(shared.electron, (await import('./fake-electron')).createFakeElectron(shared.state, shared.userData));
  return shared.electron;
});

type App = {
  requestSingleInstanceLock: ReturnType<typeof vi.fn>;
  quit: ReturnType<typeof vi.fn>;
  listenerCount(event: string): number;
};

beforeAll(async () => {
  Object.assign(process, { resourcesPath: '/opt/Archivo/resources' });
  await import('../../../src-main/main/main');
  shared.state.resolveReady();
  await new Promise((resolve) => setImmediate(resolve));
});

afterAll(() => rmSync(shared.userData, { recursive: true, force: true }));

describe('second instance', () => {
  it('asks for the lock once, is refused, and quits', () => {
    const app = shared.electron.app as App;
    expect(app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(app.quit).toHaveBeenCalledTimes(1);
  });

  it('opens no window, starts no archive worker and touches no user data', () => {
    expect(shared.state.windows).toHaveLength(0);
    expect(shared.state.workers).toHaveLength(0);
    expect(readdirSync(shared.userData)).toEqual([]);
    const app = shared.electron.app as App;
    expect(app.listenerCount('second-instance')).toBe(0);
    expect((shared.electron.protocol as { handle: ReturnType<typeof vi.fn> }).handle).not.toHaveBeenCalled();
    expect((shared.electron.ipcMain as { handle: ReturnType<typeof vi.fn> }).handle).not.toHaveBeenCalled();
  });
});
