import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
  shell,
  type MessageBoxOptions,
} from 'electron';
import { ELECTRON_CSP } from '../common/csp';
import { limitSearchHeapGrowth, SEARCH_THREAD_RESOURCE_LIMITS } from '../common/search-thread-limits';
import { APP_SCHEME, ASSET_SCHEME, IPC_EVENTS, type LibraryChange } from '../common/ipc';
import { aboutDialog } from './about';
import { ArchiveClient, workerIpc } from './archive-client';
import { APP_START_URL, createAppProtocolHandler, isAppUrl } from './app-protocol';
import { createAssetProtocolHandler } from './asset-protocol';
import { createExternalLinkOpener } from './external-links';
import { isTrustedSenderOf, registerIpcHandlers } from './ipc-handlers';
import { createExportSaver } from './export-dialog';
import { buildMenuTemplate } from './menu';
import { guardNavigation } from './navigation-guard';
import { createPackOpener, createPageNotifier, PACK_EXTENSION, packPathsFromArgv } from './pack-opener';
import { parsePermalink, PERMALINK_SCHEME, permalinkFromArgv } from './permalink-url';
import { guardAllSessions } from './network-guard';
import { resolveAppPaths } from './paths';
import { applyPortableMode, portableFallbackMessage } from './portable';
import { loadSettings, restorableBounds, saveSettings, type ShellSettings } from './settings-store';
import { createMainWindow } from './window';
import { wipeFromMenu } from './wipe-from-menu';
import { wipeArchiveEntries } from '../core/userdata/wipe';

/**
 * Electron main process: wires the pieces together and owns nothing else. Each piece
 * (window options, protocols, network and navigation guards, IPC, menu) lives in its
 * own module with its own tests; this file only decides the order.
 */
const APP_NAME = 'Archivo sin conexión';

// Must happen before 'ready'. Standard + secure gives app:// a real origin ('self' in the
// CSP, relative URLs, same-origin module scripts, localStorage) and treats it like https
// for mixed-content rules. No fetch or CORS privileges: the UI talks over IPC only, and
// without corsEnabled no other origin can read app:// or asset:// responses.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
  { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true } },
]);
// Every renderer sandboxed, whatever a future window forgets to set.
app.enableSandbox();
// Chromium resolves hostnames of links it sees in a page; document links must not reach DNS.
app.commandLine.appendSwitch('dns-prefetch-disable');
// Portable mode (a `portable` file beside the app, or the Windows portable .exe): all user
// data beside it. Before anything reads userData and before 'ready' (Chromium's profile).
const portable = applyPortableMode(app, {
  execPath: process.execPath,
  platform: process.platform,
  env: process.env,
  exists: existsSync,
});

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const paths = resolveAppPaths({
    isPackaged: app.isPackaged,
    mainDir: __dirname,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  });
  // The corpus opens off the UI thread, starting now: the window paints while it loads.
  // The worker also opens the user's annotations (user.sqlite) in the per-user app-data folder.
  limitSearchHeapGrowth();
  const worker = new Worker(paths.worker, {
    // It runs the searches: a small young generation keeps its memory down (search-thread-limits.ts).
    resourceLimits: SEARCH_THREAD_RESOURCE_LIMITS,
    // Installed archive packs live in <userData>/packs; the worker opens them with the bundled corpus.
    workerData: {
      databasePath: paths.corpusDatabase,
      userDataDir: app.getPath('userData'),
      packsDir: path.join(app.getPath('userData'), 'packs'),
    },
  });
  const archive = new ArchiveClient(worker);

  let mainWindow: BrowserWindow | null = null;
  const showDialog = (options: MessageBoxOptions) =>
    mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
  const openExternal = createExternalLinkOpener({
    showMessageBox: showDialog,
    openExternal: (url) => shell.openExternal(url),
  });

  // Packs reach the app from outside the page: menu, double-click (argv), macOS open-file.
  const pageNotifier = createPageNotifier((change: LibraryChange) =>
    mainWindow?.webContents.send(IPC_EVENTS.libraryChanged, change),
  );
  const packOpener = createPackOpener({
    install: (filePath, options) => archive.call('installPack', filePath, options),
    choosePackFile: async () => {
      const options = {
        title: 'Abrir paquete de archivo',
        properties: ['openFile' as const],
        filters: [{ name: 'Paquete de archivo', extensions: [PACK_EXTENSION] }],
      };
      const chosen = await (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options));
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
    notify: (change) => pageNotifier.notify(change),
  });
  for (const packPath of packPathsFromArgv(process.argv)) void packOpener.installFromShell(packPath);
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    void packOpener.installFromShell(filePath);
  });

  // archivo:// permalinks from outside (see permalink-url.ts). The installer registers the
  // scheme (electron-builder.yml `protocols`); this registers it again for the running copy
  // (a portable or development copy too: Electron then needs the script it was started with).
  if (process.defaultApp) {
    const entry = process.argv[1];
    if (entry !== undefined) app.setAsDefaultProtocolClient(PERMALINK_SCHEME, process.execPath, [path.resolve(entry)]);
  } else app.setAsDefaultProtocolClient(PERMALINK_SCHEME);
  /** A permalink that arrived before the window existed: it becomes the window's first address. */
  let pendingPermalink = permalinkFromArgv(process.argv);
  const openPermalink = (link: string): void => {
    if (!mainWindow) {
      pendingPermalink = link;
      return;
    }
    const parsed = parsePermalink(link);
    if (parsed.ok) {
      // Only the fragment changes: the page follows it like a link of its own, without reloading.
      void mainWindow.loadURL(`${APP_START_URL}${parsed.route}`);
    } else {
      const spanish = app.getLocale().toLowerCase().startsWith('es');
      void showDialog({
        type: 'warning',
        message: spanish ? parsed.reason.es : parsed.reason.en,
        buttons: [spanish ? 'Aceptar' : 'OK'],
        noLink: true,
      });
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openPermalink(url);
  });

  app.on('second-instance', (_event, argv) => {
    for (const packPath of packPathsFromArgv(argv)) void packOpener.installFromShell(packPath);
    const link = permalinkFromArgv(argv);
    if (link !== null) {
      openPermalink(link);
      return;
    }
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every WebContents ever created (the window, devtools, anything future) is kept in the app.
  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, (url) => void openExternal(url));
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void archive.close());

  void app.whenReady().then(() => {
    guardAllSessions(app, session.defaultSession, (url) => console.warn(`Blocked a network request: ${url}`));
    protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererRoot, ELECTRON_CSP));
    protocol.handle(
      ASSET_SCHEME,
      createAssetProtocolHandler((id) => archive.call('getAsset', id)),
    );

    const saveExport = createExportSaver({
      showSaveDialog: (options) =>
        mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
      // Written beside the target, then renamed: a crash never leaves a half-written export under its name.
      writeFile: async (file, content) => {
        await writeFile(`${file}.partial`, content, 'utf8');
        await rename(`${file}.partial`, file);
      },
      defaultFolder: app.getPath('documents'),
    });
    const worker = workerIpc(archive);
    registerIpcHandlers(ipcMain, {
      forward: worker.forward,
      handlers: {
        ...worker.handlers,
        // The worker hands back the content; here the user chooses where it is saved.
        exportAnnotations: async (...args) => {
          const exported = await archive.call('exportAnnotations', ...args);
          if (exported.kind !== 'content') return exported;
          const extension = exported.fileName.slice(exported.fileName.lastIndexOf('.') + 1);
          // The proposed name keeps a sealed export's `.archivo-cifrado.json` ending.
          return saveExport({ content: exported.content, mime: exported.mime, extension, fileName: exported.fileName });
        },
        // Citations and result lists: written by the page, saved where the user chooses.
        saveExport: (content, fileName) =>
          saveExport({
            content,
            mime: 'text/plain',
            extension: fileName.slice(fileName.lastIndexOf('.') + 1),
            fileName,
          }),
        // Packs go through the opener, which remembers a refused downgrade and tells the page.
        installPack: (filePath, options) => packOpener.installPath(filePath, options),
        chooseAndInstall: (options) => packOpener.chooseAndInstall(options),
        openExternal: async (url) => {
          await openExternal(url);
        },
      },
      isTrustedSender: isTrustedSenderOf(() => mainWindow?.webContents.id ?? null, isAppUrl),
    });

    const showAbout = async (): Promise<void> => {
      const status = archive.status();
      const corpus = status.state === 'ready' ? await archive.call('corpusInfo').catch(() => null) : null;
      const problem = status.state === 'error' ? `El archivo no se pudo abrir: ${status.message}` : null;
      await showDialog(aboutDialog(APP_NAME, app.getVersion(), corpus, problem));
    };
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          appName: APP_NAME,
          isPackaged: app.isPackaged,
          platform: process.platform,
          actions: {
            find: () => mainWindow?.webContents.send(IPC_EVENTS.find),
            about: () => void showAbout(),
            openPack: () => void packOpener.chooseFromMenu(),
            lockNotes: () => mainWindow?.webContents.send(IPC_EVENTS.lock),
            wipeUserData: () =>
              void wipeFromMenu({
                showMessageBox: showDialog,
                closeNotes: () => archive.close(),
                wipe: () => wipeArchiveEntries(app.getPath('userData')),
                quit: () => app.quit(),
              }).catch((error: unknown) => {
                console.warn(`Wipe failed: ${error instanceof Error ? error.message : String(error)}`);
              }),
          },
        }),
      ),
    );

    const userData = app.getPath('userData');
    const { settings, problem } = loadSettings(userData);
    if (problem) console.warn(problem);
    const bounds = restorableBounds(
      settings.window.bounds,
      screen.getAllDisplays().map((display) => display.workArea),
    );
    // Started by a permalink: the window opens there (a refused one opens the home screen and says why).
    const firstLink = pendingPermalink === null ? null : parsePermalink(pendingPermalink);
    const startUrl = firstLink?.ok ? `${APP_START_URL}${firstLink.route}` : APP_START_URL;
    const window = createMainWindow({ title: APP_NAME, preloadPath: paths.preload, startUrl, bounds });
    mainWindow = window;
    if (pendingPermalink !== null && !firstLink?.ok) openPermalink(pendingPermalink);
    pendingPermalink = null;
    if (settings.window.maximized) window.once('ready-to-show', () => window.maximize());
    window.webContents.on('did-finish-load', () => {
      window.webContents.setZoomFactor(settings.zoomFactor);
      pageNotifier.pageLoaded();
    });
    window.on('close', () => {
      const next: ShellSettings = {
        version: 1,
        window: { bounds: window.getNormalBounds(), maximized: window.isMaximized() },
        zoomFactor: window.webContents.getZoomFactor(),
      };
      try {
        saveSettings(userData, next);
      } catch (error) {
        console.warn(
          `Could not save window settings in ${userData}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
    window.on('closed', () => {
      mainWindow = null;
    });
    void window.loadURL(startUrl);
    if (portable.mode === 'fallback') {
      console.warn(`Portable mode unavailable (${portable.dataFolder}): ${portable.problem}`);
      void showDialog({
        type: 'warning',
        ...portableFallbackMessage(portable, userData),
        buttons: ['Aceptar'],
        noLink: true,
      });
    }
  });
}

start();
