import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { AnnotationsApi, ArchiveApi, ArchiveStatus, PacksApi } from '../common/api';
import type { LibraryArchive, PackInstallOutcome } from '../common/library';
import { isApiErrorPayload, type ApiErrorPayload } from '../common/errors';
import {
  ANNOTATION_IPC_CHANNELS,
  ASSET_SCHEME,
  IPC_CHANNELS,
  IPC_EVENTS,
  MENU_DOM_EVENTS,
  PACK_IPC_CHANNELS,
  type LibraryChange,
} from '../common/ipc';
import type { CorpusInfo, DocumentRecord, SearchRequest, SearchResponse } from '../common/types';

/**
 * The preload: exposes `window.archive` (the ArchiveApi) and nothing else. ipcRenderer
 * never leaves this file; each method invokes exactly one channel. Runs sandboxed, so it
 * is bundled to CommonJS with everything inlined except `electron`.
 */

type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorPayload };

/** Rejections carry a plain `{name, message}`: Error objects lose their name crossing the bridge. */
async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  const reply = (await ipcRenderer.invoke(channel, ...args)) as Envelope<T> | undefined;
  if (reply && reply.ok === true) return reply.value;
  if (reply && reply.ok === false && isApiErrorPayload(reply.error)) {
    const { name, message, code } = reply.error;
    // `code` (a PackProblemCode for refused packs) lets the UI word the reason in its language.
    throw (typeof code === 'string' ? { name, message, code } : { name, message }) satisfies ApiErrorPayload;
  }
  throw { name: 'Internal', message: `Unexpected reply on ${channel}.` } satisfies ApiErrorPayload;
}

/** Each annotation method invokes its own channel with the arguments as given. */
function createPreloadAnnotationsApi(): AnnotationsApi {
  const call =
    <M extends keyof AnnotationsApi>(method: M) =>
    (...args: Parameters<AnnotationsApi[M]>) =>
      invoke<Awaited<ReturnType<AnnotationsApi[M]>>>(ANNOTATION_IPC_CHANNELS[method], ...args);
  return {
    listAnnotations: call('listAnnotations'),
    createAnnotation: call('createAnnotation'),
    updateAnnotation: call('updateAnnotation'),
    moveAnnotation: call('moveAnnotation'),
    deleteAnnotation: call('deleteAnnotation'),
    restoreAnnotation: call('restoreAnnotation'),
    searchAnnotations: call('searchAnnotations'),
    countAnnotations: call('countAnnotations'),
    exportAnnotations: call('exportAnnotations'),
    importAnnotations: call('importAnnotations'),
    listBackups: call('listBackups'),
    restoreBackup: call('restoreBackup'),
    userDataStatus: call('userDataStatus'),
  };
}

/**
 * Pack files reach the main process as paths only: `webUtils.getPathForFile` (here, where the
 * File object is real) gives the path of a dropped or picked file; the bytes are read and
 * verified by the main process, never streamed over IPC.
 */
function createPreloadPacksApi(): PacksApi {
  return {
    chooseAndInstall: (options) => invoke<PackInstallOutcome | null>(PACK_IPC_CHANNELS.chooseAndInstall, options ?? {}),
    installFile: (file, options) => {
      const filePath = webUtils.getPathForFile(file);
      if (filePath === '') {
        return Promise.reject({
          name: 'InvalidArgument',
          message: 'This file has no path on disk; save it first, then open it.',
        } satisfies ApiErrorPayload);
      }
      // The main process reads the signature beside the file itself (`<pack>.minisig`).
      const permissions = { allowDowngrade: options?.allowDowngrade, allowUntrusted: options?.allowUntrusted };
      return invoke<PackInstallOutcome>(PACK_IPC_CHANNELS.installPath, filePath, withoutUndefined(permissions));
    },
    removeArchive: (id) => invoke<void>(PACK_IPC_CHANNELS.removeArchive, id),
  };
}

export function createPreloadApi(): ArchiveApi {
  return {
    annotations: createPreloadAnnotationsApi(),
    packs: createPreloadPacksApi(),
    listArchives: () => invoke<LibraryArchive[]>(IPC_CHANNELS.listArchives),
    status: () => invoke<ArchiveStatus>(IPC_CHANNELS.status),
    corpusInfo: () => invoke<CorpusInfo>(IPC_CHANNELS.corpusInfo),
    search: (request: SearchRequest) => invoke<SearchResponse>(IPC_CHANNELS.search, request),
    getDocument: (id: string) => invoke<DocumentRecord | null>(IPC_CHANNELS.getDocument, id),
    assetUrl: (assetId: string) => `${ASSET_SCHEME}://${assetId}`,
    openExternal: (url: string) => invoke<void>(IPC_CHANNELS.openExternal, url),
  };
}

contextBridge.exposeInMainWorld('archive', createPreloadApi());

// Menu commands become DOM events: the DOM is shared between the preload's world and the
// page's, so the renderer listens with addEventListener and never touches IPC.
ipcRenderer.on(IPC_EVENTS.find, () => {
  window.dispatchEvent(new Event(MENU_DOM_EVENTS.find));
});
// A pack installed from the menu, a double-click or the command line: the page refreshes its
// library and shows the outcome. The detail is a JSON string: an object made in this isolated
// world would reach the page's world as null, a string crosses as it is.
ipcRenderer.on(IPC_EVENTS.libraryChanged, (_event, change: LibraryChange) => {
  window.dispatchEvent(new CustomEvent(MENU_DOM_EVENTS.libraryChanged, { detail: JSON.stringify(change) }));
});

/** The IPC schema is strict: absent permissions are left out rather than sent as undefined. */
function withoutUndefined(permissions: { allowDowngrade?: boolean; allowUntrusted?: boolean }): {
  allowDowngrade?: boolean;
  allowUntrusted?: boolean;
} {
  return Object.fromEntries(Object.entries(permissions).filter(([, value]) => value !== undefined));
}
