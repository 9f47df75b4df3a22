import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { AnnotationsApi, ArchiveApi, PacksApi } from '../common/api';
import {
  API_METHODS,
  methodsOfGroup,
  typedResult,
  type ApiArgs,
  type ApiHandlers,
  type ApiMethod,
  type ApiResult,
  type MethodsOf,
} from '../common/api-methods';
import { isApiErrorPayload, type ApiErrorPayload } from '../common/errors';
import { ASSET_SCHEME, IPC_EVENTS, MENU_DOM_EVENTS, type LibraryChange } from '../common/ipc';

/**
 * The preload: exposes `window.archive` (the ArchiveApi) and nothing else. ipcRenderer
 * never leaves this file; each method invokes exactly one channel. Runs sandboxed, so it
 * is bundled to CommonJS with everything inlined except `electron`.
 */

/**
 * Rejects with a plain `{name, message, code?}`: an Error object loses its name crossing the
 * context bridge, a plain object arrives whole, so the page can tell a refused pack from a bug.
 */
function fail(payload: ApiErrorPayload): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- see above: plain objects cross the bridge intact
  throw payload;
}

/** Rejections carry a plain `{name, message}`: Error objects lose their name crossing the bridge. */
async function invoke<M extends ApiMethod>(name: M, ...args: ApiArgs<M>): Promise<ApiResult<M>> {
  const channel: string | undefined = API_METHODS[name].ipc;
  if (channel === undefined) fail({ name: 'Internal', message: `${name} is not offered here.` });
  const reply: unknown = await ipcRenderer.invoke(channel, ...args);
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    if (reply.ok === true && 'value' in reply) return typedResult(name, reply.value);
    if (reply.ok === false && 'error' in reply && isApiErrorPayload(reply.error)) {
      const { name: errorName, message, code } = reply.error;
      // `code` (a PackProblemCode for refused packs) lets the UI word the reason in its language.
      fail(typeof code === 'string' ? { name: errorName, message, code } : { name: errorName, message });
    }
  }
  return fail({ name: 'Internal', message: `Unexpected reply on ${channel}.` });
}

/** One function per method of a group of the table, each invoking that method's channel. */
function groupApi<G extends 'annotations'>(group: G): ApiHandlers<MethodsOf<G>> {
  const api: Partial<Record<MethodsOf<G>, (...args: never[]) => unknown>> = {};
  for (const name of methodsOfGroup(group)) {
    api[name] = (...args: ApiArgs<typeof name>) => invoke(name, ...args);
  }
  // Complete by construction: the loop above covers every method of the group.
  return api as ApiHandlers<MethodsOf<G>>;
}

/**
 * Pack files reach the main process as paths only: `webUtils.getPathForFile` (here, where the
 * File object is real) gives the path of a dropped or picked file; the bytes are read and
 * verified by the main process, never streamed over IPC.
 */
function createPreloadPacksApi(): PacksApi {
  return {
    chooseAndInstall: (options) => invoke('chooseAndInstall', options ?? {}),
    installFile: async (file, options) => {
      const filePath = webUtils.getPathForFile(file);
      if (filePath === '') {
        fail({ name: 'InvalidArgument', message: 'This file has no path on disk; save it first, then open it.' });
      }
      // The main process reads the signature beside the file itself (`<pack>.minisig`); a File
      // cannot cross IPC, so only the user's permissions go with the path.
      const permissions = { allowDowngrade: options?.allowDowngrade, allowUntrusted: options?.allowUntrusted };
      return invoke('installPack', filePath, withoutUndefined(permissions));
    },
    removeArchive: (id) => invoke('removeArchive', id),
  };
}

export function createPreloadApi(): ArchiveApi {
  const annotations: AnnotationsApi = groupApi('annotations');
  return {
    annotations,
    packs: createPreloadPacksApi(),
    listArchives: () => invoke('listArchives'),
    status: () => invoke('status'),
    corpusInfo: () => invoke('corpusInfo'),
    search: (request) => invoke('search', request),
    getDocument: (id) => invoke('getDocument', id),
    assetUrl: (assetId: string) => `${ASSET_SCHEME}://${assetId}`,
    openExternal: (url) => invoke('openExternal', url),
    saveExport: (content, fileName) => invoke('saveExport', content, fileName),
  };
}

contextBridge.exposeInMainWorld('archive', createPreloadApi());

// Menu commands become DOM events: the DOM is shared between the preload's world and the
// page's, so the renderer listens with addEventListener and never touches IPC.
ipcRenderer.on(IPC_EVENTS.find, () => {
  window.dispatchEvent(new Event(MENU_DOM_EVENTS.find));
});
ipcRenderer.on(IPC_EVENTS.lock, () => {
  window.dispatchEvent(new Event(MENU_DOM_EVENTS.lock));
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
  return Object.fromEntries(Object.entries(permissions).filter(([, value]) => typeof value === 'boolean'));
}
