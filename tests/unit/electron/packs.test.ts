import { ApiError } from '../../../src-main/common/errors';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, PACK_IPC_CHANNELS, type LibraryChange } from '../../../src-main/common/ipc';
import type { LibraryArchive, PackInstallOutcome } from '../../../src-main/common/library';
import type { SearchResponse } from '../../../src-main/common/types';
import { buildCorpus } from '../../../src-main/core/build/build';
import { ArchiveClient } from '../../../src-main/main/archive-client';
import { registerIpcHandlers, type IpcEnvelope, type IpcHandlers } from '../../../src-main/main/ipc-handlers';
import { buildMenuTemplate } from '../../../src-main/main/menu';
import { createPackOpener, createPageNotifier, packPathsFromArgv } from '../../../src-main/main/pack-opener';
import { makePostPack } from '../packs/helpers';
import { bundleArchiveWorker } from './worker-bundle';

/**
 * Packs in the Electron build: the pack opener (menu, double-click argv, downgrade
 * confirmation), the IPC channels (sender check, validation) and the real bundled archive
 * worker installing, searching and removing a pack built from a real gobiernofacil post.
 */
const preloadMock = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(),
  listeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => preloadMock.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => preloadMock.invoke(...args),
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) =>
      preloadMock.listeners.set(channel, listener),
  },
  // The real one reads the path Chromium knows for a File; here the fake File carries it.
  webUtils: { getPathForFile: (file: { fakePath?: string }) => file.fakePath ?? '' },
}));

const repo = path.resolve(__dirname, '../../..');
const AGUA_POST = '2017-03-22-agua-en-mexico.md';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
const trusted = {
  sender: { id: 1 },
  senderFrame: { url: 'app://app/index.html', parent: null },
} as unknown as IpcMainInvokeEvent;

const archiveOf = (version: string): LibraryArchive => ({
  id: 'agua',
  kind: 'pack',
  name: 'Agua',
  version,
  buildDate: '2026-11-28T20:00:00.000Z',
  schemaVersion: 2,
  documentCount: 1,
});

describe('pack files from the command line', () => {
  it('takes only .archive arguments after the executable, never switches', () => {
    expect(
      packPathsFromArgv([
        '/opt/Archivo/archivo',
        '--no-sandbox',
        '/home/ana/Descargas/Agua 2026.ARCHIVE',
        'notas.txt',
        '-psn_0_123',
      ]),
    ).toEqual(['/home/ana/Descargas/Agua 2026.ARCHIVE']);
    expect(packPathsFromArgv(['/opt/Archivo/archivo'])).toEqual([]);
  });
});

describe('pack opener', () => {
  it('asks the page to confirm a downgrade, then installs the remembered file without a second dialog', async () => {
    const install = vi.fn(async (_file: string, options: { allowDowngrade: boolean }): Promise<PackInstallOutcome> =>
      options.allowDowngrade
        ? {
            kind: 'downgraded',
            archive: archiveOf('2026.1'),
            previousVersion: '2026.2',
            annotations: { unchanged: 1, moved: 0, orphaned: 0 },
          }
        : { kind: 'confirm-downgrade', installed: archiveOf('2026.2'), offered: archiveOf('2026.1') },
    );
    const choosePackFile = vi.fn(async (): Promise<string | null> => '/media/usb/agua-2026.1.archive');
    const opener = createPackOpener({ install, choosePackFile, notify: vi.fn() });
    expect((await opener.chooseAndInstall({}))?.kind).toBe('confirm-downgrade');
    expect((await opener.chooseAndInstall({ allowDowngrade: true }))?.kind).toBe('downgraded');
    expect(choosePackFile).toHaveBeenCalledTimes(1);
    expect(install.mock.calls.map(([file, options]) => [file, options.allowDowngrade])).toEqual([
      ['/media/usb/agua-2026.1.archive', false],
      ['/media/usb/agua-2026.1.archive', true],
    ]);
    // Once used, the confirmation is gone: the next call opens the dialog again.
    choosePackFile.mockResolvedValueOnce(null);
    expect(await opener.chooseAndInstall({ allowDowngrade: true })).toBeNull();
    expect(choosePackFile).toHaveBeenCalledTimes(2);
  });

  it('tells the page what a double-clicked pack did, or why it was refused, once the page has loaded', async () => {
    const sent: LibraryChange[] = [];
    const notifier = createPageNotifier((change) => sent.push(change));
    // As the worker's refusal reaches the main process: an ApiError carrying the pack's code.
    const refusal = new ApiError('PackRefused', '/media/usb/x.archive: the database does not match', 'tampered');
    const install = vi
      .fn<(file: string, options: { allowDowngrade: boolean }) => Promise<PackInstallOutcome>>()
      .mockResolvedValueOnce({
        kind: 'installed',
        archive: archiveOf('2026.2'),
        previousVersion: null,
        annotations: { unchanged: 0, moved: 0, orphaned: 0 },
      })
      .mockRejectedValueOnce(refusal);
    const opener = createPackOpener({
      install,
      choosePackFile: async () => null,
      notify: (...args) => notifier.notify(...args),
    });
    await opener.installFromShell('/media/usb/agua.archive');
    await opener.installFromShell('/media/usb/x.archive');
    expect(sent).toEqual([]); // The window cannot listen yet.
    notifier.pageLoaded();
    expect(sent).toEqual([
      {
        kind: 'outcome',
        outcome: expect.objectContaining({ kind: 'installed', archive: expect.objectContaining({ id: 'agua' }) }),
      },
      {
        kind: 'refused',
        file: '/media/usb/x.archive',
        error: { name: 'PackRefused', code: 'tampered', message: '/media/usb/x.archive: the database does not match' },
      },
    ]);
  });

  it('File > Abrir paquete de archivo… (Ctrl/Cmd+O) opens the pack chooser', () => {
    const openPack = vi.fn();
    const template = buildMenuTemplate({
      appName: 'Archivo sin conexión',
      isPackaged: true,
      platform: 'linux',
      actions: { find: vi.fn(), about: vi.fn(), openPack, lockNotes: vi.fn(), wipeUserData: vi.fn() },
    });
    const file = template.find((item) => item.label === 'Archivo');
    const items = file?.submenu as Array<{ label?: string; accelerator?: string; click?: () => void }>;
    const open = items.find((item) => item.label === 'Abrir paquete de archivo…');
    expect(open?.accelerator).toBe('CmdOrCtrl+O');
    open?.click?.();
    expect(openPack).toHaveBeenCalledTimes(1);
  });
});

describe('preload: packs', () => {
  it("sends only the dropped file's path, keeps refusal codes, and turns library events into a DOM event", async () => {
    const page = new EventTarget();
    Object.assign(globalThis, { window: page });
    await import('../../../src-main/preload/preload');
    const api = preloadMock.exposed.get('archive') as {
      packs: {
        installFile(file: unknown, options?: unknown): Promise<unknown>;
        removeArchive(id: string): Promise<void>;
      };
    };
    preloadMock.invoke.mockResolvedValueOnce({ ok: true, value: { kind: 'installed' } });
    await api.packs.installFile({ fakePath: '/home/ana/agua.archive', name: 'agua.archive' });
    expect(preloadMock.invoke).toHaveBeenLastCalledWith(PACK_IPC_CHANNELS.installPath, '/home/ana/agua.archive', {});
    preloadMock.invoke.mockResolvedValueOnce({
      ok: false,
      error: { name: 'PackRefused', message: 'tampered pack', code: 'tampered' },
    });
    await expect(api.packs.installFile({ fakePath: '/x.archive' }, { allowDowngrade: true })).rejects.toEqual({
      name: 'PackRefused',
      message: 'tampered pack',
      code: 'tampered',
    });
    expect(preloadMock.invoke).toHaveBeenLastCalledWith(PACK_IPC_CHANNELS.installPath, '/x.archive', {
      allowDowngrade: true,
    });
    // A File with no path on disk (made in the page) never reaches IPC.
    const calls = preloadMock.invoke.mock.calls.length;
    await expect(api.packs.installFile({ name: 'made-in-page.archive' })).rejects.toMatchObject({
      name: 'InvalidArgument',
    });
    expect(preloadMock.invoke.mock.calls.length).toBe(calls);

    const received: unknown[] = [];
    page.addEventListener('archive:library-changed', (event) => received.push((event as CustomEvent<unknown>).detail));
    const change: LibraryChange = {
      kind: 'refused',
      file: '/x.archive',
      error: { name: 'PackRefused', message: 'm', code: 'truncated' },
    };
    preloadMock.listeners.get('library:changed')?.({}, change);
    expect(received.map((detail) => JSON.parse(String(detail)))).toEqual([change]);
  });
});

describe('pack IPC channels', () => {
  function setup() {
    const handlers = new Map<string, Handler>();
    const installed: PackInstallOutcome = {
      kind: 'installed',
      archive: archiveOf('1'),
      previousVersion: null,
      annotations: { unchanged: 0, moved: 0, orphaned: 0 },
    };
    const packs = {
      installPack: vi.fn(async () => installed),
      chooseAndInstall: vi.fn(async () => null),
      removeArchive: vi.fn(async () => undefined),
    } satisfies IpcHandlers;
    registerIpcHandlers(
      { handle: (channel, listener) => void handlers.set(channel, listener) },
      {
        handlers: { ...packs, listArchives: vi.fn(async () => [archiveOf('1')]) },
        isTrustedSender: (event) => event === trusted,
      },
    );
    const call = async (channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) =>
      (await handlers.get(channel)!(event, ...args)) as IpcEnvelope<unknown>;
    return { packs, call };
  }

  it('validates paths, options and ids before anything is installed or removed', async () => {
    const { packs, call } = setup();
    expect(
      await call(PACK_IPC_CHANNELS.installPath, trusted, '/media/usb/agua.archive', { allowDowngrade: true }),
    ).toMatchObject({ ok: true });
    expect(packs.installPack).toHaveBeenCalledWith('/media/usb/agua.archive', { allowDowngrade: true });
    expect(await call(PACK_IPC_CHANNELS.installPath, trusted, '', {})).toMatchObject({
      ok: false,
      error: { name: 'InvalidArgument', message: 'Invalid path: expected the path of a pack file' },
    });
    expect(await call(PACK_IPC_CHANNELS.installPath, trusted, '/a.archive', { allowDowngrade: 'yes' })).toMatchObject({
      ok: false,
      error: { name: 'InvalidArgument' },
    });
    expect(await call(PACK_IPC_CHANNELS.removeArchive, trusted, '../user')).toMatchObject({
      ok: false,
      error: { name: 'InvalidArgument' },
    });
    expect(await call(PACK_IPC_CHANNELS.removeArchive, trusted, 'bundled')).toMatchObject({
      ok: false,
      error: { message: 'Invalid id: the bundled archive cannot be removed' },
    });
    expect(packs.installPack).toHaveBeenCalledTimes(1);
    expect(packs.removeArchive).not.toHaveBeenCalled();
    expect(await call(IPC_CHANNELS.listArchives, trusted)).toEqual({ ok: true, value: [archiveOf('1')] });
  });

  it('refuses pack calls from anything but the app window', async () => {
    const { packs, call } = setup();
    const stranger = {
      sender: { id: 2 },
      senderFrame: { url: 'https://evil.example/', parent: null },
    } as unknown as IpcMainInvokeEvent;
    for (const [channel, args] of [
      [PACK_IPC_CHANNELS.installPath, ['/tmp/x.archive', {}]],
      [PACK_IPC_CHANNELS.chooseAndInstall, [{}]],
      [PACK_IPC_CHANNELS.removeArchive, ['agua']],
    ] as const) {
      expect(await call(channel, stranger, ...args)).toMatchObject({
        ok: false,
        error: { message: 'Refused: the request did not come from the app window.' },
      });
    }
    expect(packs.installPack).not.toHaveBeenCalled();
    expect(packs.chooseAndInstall).not.toHaveBeenCalled();
    expect(packs.removeArchive).not.toHaveBeenCalled();
  });
});

describe('archive worker with packs (bundled, real corpus)', () => {
  let work: string;
  let bundleDir: string;
  let client: ArchiveClient;
  let packFile: string;
  let packsDir: string;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'packs-worker-'));
    const bundle = await bundleArchiveWorker('packs-worker');
    bundleDir = bundle.dir;
    const seeds = path.join(work, 'seeds.sqlite');
    await buildCorpus({ inputs: [path.join(repo, 'resources/corpus')], out: seeds, name: 'Semillas' });
    packFile = await makePostPack(work, {
      post: AGUA_POST,
      id: 'agua',
      name: 'Agua',
      version: '2026.1',
      sourceFolder: 'source',
    });
    packsDir = path.join(work, 'user', 'packs');
    client = new ArchiveClient(
      new Worker(bundle.file, { workerData: { databasePath: seeds, userDataDir: path.join(work, 'user'), packsDir } }),
    );
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it('installs a pack, searches it with the seeds, keeps refusal codes, and removes it', async () => {
    expect((await client.call('listArchives')).map((archive) => archive.id)).toEqual(['bundled']);
    // Unsigned, and this installer pins no publisher: the user has confirmed it.
    const outcome = await client.call('installPack', packFile, { allowDowngrade: false, allowUntrusted: true });
    expect(outcome).toMatchObject({
      kind: 'installed',
      archive: { id: 'agua', name: 'Agua', version: '2026.1', documentCount: 1 },
    });
    expect((await client.call('listArchives')).map((archive) => `${archive.kind}:${archive.id}`)).toEqual([
      'bundled:bundled',
      'pack:agua',
    ]);
    const found: SearchResponse = await client.call('search', { query: 'agua' });
    expect(found.hits[0]?.id).toMatch(/^agua~[0-9a-f]{16}$/);
    expect(found.facets.archive?.find((facet) => facet.value === 'agua')?.count).toBe(1);

    // A truncated copy: refused with its code across the worker boundary; nothing changes.
    const truncated = path.join(work, 'agua-cortado.archive');
    writeFileSync(truncated, readFileSync(packFile).subarray(0, 4000));
    await expect(client.call('installPack', truncated, { allowDowngrade: false })).rejects.toMatchObject({
      name: 'PackRefused',
      code: expect.stringMatching(/^(truncated|not-a-pack)$/),
    });
    expect((await client.call('listArchives')).length).toBe(2);

    await client.call('removeArchive', 'agua');
    expect((await client.call('listArchives')).map((archive) => archive.id)).toEqual(['bundled']);
    expect((await client.call('search', { query: 'agua', filters: { archive: ['agua'] } })).total).toBe(0);
    expect(readdirSync(packsDir).filter((name) => name.startsWith('agua'))).toEqual([]);
  });
});
