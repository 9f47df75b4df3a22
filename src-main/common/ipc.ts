/** IPC channel names, defined once for the preload and the main process. */
export const IPC_CHANNELS = {
  status: 'archive:status',
  corpusInfo: 'archive:corpus-info',
  search: 'archive:search',
  getDocument: 'archive:get-document',
  /** Electron only: ask the main process to open an http(s)/mailto URL after the user confirms it. */
  openExternal: 'app:open-external',
} as const;

/** One IPC channel per `AnnotationsApi` method. */
export const ANNOTATION_IPC_CHANNELS = {
  listAnnotations: 'annotations:list',
  createAnnotation: 'annotations:create',
  updateAnnotation: 'annotations:update',
  moveAnnotation: 'annotations:move',
  deleteAnnotation: 'annotations:delete',
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
} as const;

/**
 * DOM event the Electron preload dispatches on `window` when a menu command arrives,
 * so the renderer can listen without any IPC object: `window.addEventListener('archive:find', ...)`.
 */
export const MENU_DOM_EVENTS = {
  find: 'archive:find',
} as const;

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
} as const;

/**
 * Browser mode: every annotation request must carry this header (and a JSON content type).
 * A page on another site cannot add either without a CORS preflight, which the server refuses.
 */
export const ARCHIVE_CLIENT_HEADER = 'X-Archive-Client';
