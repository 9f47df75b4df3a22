import type { PackInstallOutcome } from './library';
import { API_METHODS, methodsOfGroup, type ApiMethod, type HttpPathOf, type MethodsOf } from './api-methods';
import type { ApiErrorPayload } from './errors';

/** The IPC channel of a method of the table (methods with none are not offered over IPC). */
function channelOf(name: ApiMethod): string {
  return API_METHODS[name].ipc ?? '';
}

/** IPC channels by method, read from the method table (for tests and logs; the transports use the table). */
export const IPC_CHANNELS = {
  status: channelOf('status'),
  corpusInfo: channelOf('corpusInfo'),
  search: channelOf('search'),
  getDocument: channelOf('getDocument'),
  openExternal: channelOf('openExternal'),
  saveExport: channelOf('saveExport'),
  listArchives: channelOf('listArchives'),
} as const;

/**
 * Archive packs (Electron). The preload turns a dropped/picked `File` into its path with
 * `webUtils.getPathForFile` and sends only the path; the main process verifies the pack.
 */
export const PACK_IPC_CHANNELS = {
  installPath: channelOf('installPack'),
  chooseAndInstall: channelOf('chooseAndInstall'),
  removeArchive: channelOf('removeArchive'),
} as const;

export type AnnotationMethod = MethodsOf<'annotations'>;

/** One IPC channel per `AnnotationsApi` method. */
export const ANNOTATION_IPC_CHANNELS: Readonly<Record<AnnotationMethod, string>> = annotationChannels();

function annotationChannels(): Record<AnnotationMethod, string> {
  const channels: Record<string, string> = {};
  for (const name of methodsOfGroup('annotations')) channels[name] = channelOf(name);
  return channels;
}

/** Main -> renderer messages of the Electron build (menu commands). */
export const IPC_EVENTS = {
  /** Edit > Find (Ctrl/Cmd+F) was chosen in the native menu. */
  find: 'app:menu-find',
  /**
   * The library changed outside the page's own calls (File > Open archive pack…, a pack
   * double-clicked or passed on the command line): carries a `LibraryChange`.
   */
  libraryChanged: 'library:changed',
  /** File > Lock notes (Ctrl/Cmd+L): the page locks encrypted notes (issue 17). */
  lock: 'app:menu-lock',
} as const;

/**
 * DOM event the Electron preload dispatches on `window` when a menu command arrives,
 * so the renderer can listen without any IPC object: `window.addEventListener('archive:find', ...)`.
 */
export const MENU_DOM_EVENTS = {
  find: 'archive:find',
  /** A `CustomEvent` whose `detail` is a `LibraryChange` as a JSON string (objects do not cross worlds). */
  libraryChanged: 'archive:library-changed',
  lock: 'archive:lock',
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

/** True when both types are the same; the checks below fail the build if a route drifts from the table. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const HTTP_ROUTES_MATCH_TABLE: Same<
  [
    typeof HTTP_ROUTES.status,
    typeof HTTP_ROUTES.corpusInfo,
    typeof HTTP_ROUTES.search,
    typeof HTTP_ROUTES.document,
    typeof HTTP_ROUTES.asset,
    `${typeof HTTP_ROUTES.annotations}listAnnotations`,
    typeof HTTP_ROUTES.archives,
    typeof HTTP_ROUTES.packs,
  ],
  [
    HttpPathOf<'status'>,
    HttpPathOf<'corpusInfo'>,
    HttpPathOf<'search'>,
    HttpPathOf<'getDocument'>,
    HttpPathOf<'getAsset'>,
    HttpPathOf<'listAnnotations'>,
    HttpPathOf<'listArchives'>,
    HttpPathOf<'installPack'>,
  ]
> = true;

/**
 * Browser mode: every annotation request must carry this header (and a JSON content type).
 * A page on another site cannot add either without a CORS preflight, which the server refuses.
 */
export const ARCHIVE_CLIENT_HEADER = 'X-Archive-Client';
