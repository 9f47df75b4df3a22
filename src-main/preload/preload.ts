import { contextBridge, ipcRenderer } from 'electron';
import type { AnnotationsApi, ArchiveApi, ArchiveStatus } from '../common/api';
import { isApiErrorPayload, type ApiErrorPayload } from '../common/errors';
import { ANNOTATION_IPC_CHANNELS, ASSET_SCHEME, IPC_CHANNELS, IPC_EVENTS, MENU_DOM_EVENTS } from '../common/ipc';
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
    throw { name: reply.error.name, message: reply.error.message } satisfies ApiErrorPayload;
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
    searchAnnotations: call('searchAnnotations'),
    countAnnotations: call('countAnnotations'),
    exportAnnotations: call('exportAnnotations'),
    importAnnotations: call('importAnnotations'),
    listBackups: call('listBackups'),
    restoreBackup: call('restoreBackup'),
    userDataStatus: call('userDataStatus'),
  };
}

export function createPreloadApi(): ArchiveApi {
  return {
    annotations: createPreloadAnnotationsApi(),
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
