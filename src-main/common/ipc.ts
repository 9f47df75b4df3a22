import type { PackInstallOutcome } from './library';
import type { ApiErrorPayload } from './errors';

/** IPC channel names, defined once for the preload and the main process. */
export const IPC_CHANNELS = {
  status: 'archive:status',
  corpusInfo: 'archive:corpus-info',
  search: 'archive:search',
  getDocument: 'archive:get-document',
  /** Electron only: ask the main process to open an http(s)/mailto URL after the user confirms it. */
  openExternal: 'app:open-external',
  /** The bundled corpus and the installed packs. */
  listArchives: 'library:list',
} as const;

/**
 * Archive packs (Electron). The preload turns a dropped/picked `File` into its path with
 * `webUtils.getPathForFile` and sends only the path; the main process verifies the pack.
 */
export const PACK_IPC_CHANNELS = {
  installPath: 'packs:install-path',
  chooseAndInstall: 'packs:choose-and-install',
  removeArchive: 'packs:remove',
} as const;

/** One IPC channel per `AnnotationsApi` method. */
export const ANNOTATION_IPC_CHANNELS = {
  listAnnotations: 'annotations:list',
  createAnnotation: 'annotations:create',
  updateAnnotation: 'annotations:update',
  moveAnnotation: 'annotations:move',
  deleteAnnotation: 'annotations:delete',
  restoreAnnotation: 'annotations:restore',
  searchAnnotations: 'annotations:search',
  countAnnotations: 'annotations:count',
  exportAnnotations: 'annotations:export',
  importAnnotations: 'annotations:import',
  listBackups: 'annotations:list-backups',
  restoreBackup: 'annotations:restore-backup',
  userDataStatus: 'annotations:user-data-status',
} as const;

export type AnnotationMethod = keyof typeof ANNOTATION_IPC_CHANNELS;

/** Main -> renderer messages of the Electron build (menu commands). */
export const IPC_EVENTS = {
  /** Edit > Find (Ctrl/Cmd+F) was chosen in the native menu. */
  find: 'app:menu-find',
  /**
   * The library changed outside the page's own calls (File > Open archive pack…, a pack
   * double-clicked or passed on the command line): carries a `LibraryChange`.
   */
  libraryChanged: 'library:changed',
} as const;

/**
 * DOM event the Electron preload dispatches on `window` when a menu command arrives,
 * so the renderer can listen without any IPC object: `window.addEventListener('archive:find', ...)`.
 */
export const MENU_DOM_EVENTS = {
  find: 'archive:find',
  /** A `CustomEvent` whose `detail` is a `LibraryChange` as a JSON string (objects do not cross worlds). */
  libraryChanged: 'archive:library-changed',
} as const;

/** What the main process tells the page after installing a pack on its own initiative. */
export type LibraryChange =
  { kind: 'outcome'; outcome: PackInstallOutcome } | { kind: 'refused'; error: ApiErrorPayload; file: string };

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/** The custom schemes of the Electron build: the UI and the images stored in the corpus. */
export const APP_SCHEME = 'app';
export const ASSET_SCHEME = 'asset';

/** HTTP routes of browser mode, relative to the server's origin. */
export const HTTP_ROUTES = {
  status: '/api/status',
  corpusInfo: '/api/corpus',
  search: '/api/search',
  document: '/api/documents/',
  asset: '/api/assets/',
  /** `POST /api/annotations/<AnnotationMethod>` with a JSON array of arguments; loopback only. */
  annotations: '/api/annotations/',
  /** `GET`: the library's archives (`LibraryArchive[]`). */
  archives: '/api/archives',
  /** `GET`: where phones join a shared archive (`JoinInfo`); answered to this computer only. */
  join: '/api/join',
  /**
   * Pack management, only with `--annotations`-style ownership (loopback + owner's session):
   * `POST /api/packs?allowDowngrade=1` with the pack file as the raw body installs it;
   * `DELETE /api/packs/<id>` removes one. `GET /api/packs` answers 200 when offered.
   */
  packs: '/api/packs',
} as const;

/**
 * Browser mode: every annotation request must carry this header (and a JSON content type).
 * A page on another site cannot add either without a CORS preflight, which the server refuses.
 */
export const ARCHIVE_CLIENT_HEADER = 'X-Archive-Client';
