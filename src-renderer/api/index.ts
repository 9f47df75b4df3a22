import type { ArchiveApi, ArchiveStatus } from '../../src-main/common/api';
import type { SearchRequest, SearchResponse } from '../../src-main/common/types';
import routes from 'virtual:archive-http-routes';
import { createHttpArchiveApi, serverManagesPacks } from './http-client';
import { fetchFirstStatus } from './owner-routes';
import type { FirstRequests } from './first-requests';
import { takePrefetchedSearch } from './prefetched-search';
import { cacheDocuments } from './document-cache';
import { requestSignal } from '../offline/request-timeout';
import { OfflineKeeper } from '../offline/offline-keeper';

declare global {
  interface Window {
    /** Present in the Electron build (exposed by the preload); absent in browser mode. */
    archive?: ArchiveApi;
  }
}

export interface Transport {
  api: ArchiveApi;
  /** 'electron' when the preload supplied the API, else 'http' (browser mode). */
  kind: 'electron' | 'http';
  /**
   * The single way the UI opens a link that leaves the archive. In Electron the main
   * process asks the user to confirm the exact URL; in browser mode `confirmUrl` (the
   * UI's dialog) does, and the page opens it without an opener or referrer.
   */
  openExternal(url: string, confirmUrl: (url: string) => Promise<boolean>): Promise<void>;
  /** Browser mode: keeps what the tab reads and answers from it when the server is gone. */
  offline?: OfflineKeeper;
  /** Starts loading a document the person is likely to open next (a pointer over its result, the active row). */
  prefetchDocument(id: string): void;
  /**
   * Browser mode: the answers the page's entry already has when the app starts (its first status,
   * the first search if answered by then), so that the app's first render shows the results
   * instead of a loading state followed by two more renders (each a tenth of a second on a phone).
   */
  firstAnswers?: FirstAnswers;
}

export interface FirstAnswers {
  status: ArchiveStatus | null;
  search: { request: SearchRequest; response: SearchResponse } | null;
}

/** Only these schemes may leave the app; everything else (javascript:, file:, data:) is dropped. */
export function isOpenableExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' || parsed.protocol === 'mailto:';
  } catch {
    return false;
  }
}

/**
 * In browser mode, asks the server once whether it manages packs (a loopback request, before the first paint).
 * `first`: the status and first search the entry module already sent (main.tsx), answered from there.
 */
export async function createTransport(first: FirstRequests | null = null): Promise<Transport> {
  const electronApi = window.archive;
  if (electronApi) {
    const documents = cacheDocuments((id) => electronApi.getDocument(id));
    return {
      api: { ...electronApi, getDocument: documents.getDocument },
      kind: 'electron',
      prefetchDocument: documents.prefetch,
      openExternal: async (url) => {
        if (!isOpenableExternalUrl(url)) return;
        if (electronApi.openExternal) await electronApi.openExternal(url);
        else window.open(url);
      },
    };
  }
  // Both at once: the first status answer need not wait for IndexedDB to open.
  const [offline, { api, firstStatus }] = await Promise.all([
    OfflineKeeper.open(),
    createBrowserApi(window.location.href, first),
  ]);
  const settledSearch = first?.search.settled;
  // Under the keeper: a prefetched document is kept in the tab only once it is really opened.
  const documents = cacheDocuments((id) => api.getDocument(id));
  return {
    api: offline.wrap({ ...api, getDocument: documents.getDocument }),
    offline,
    kind: 'http',
    prefetchDocument: documents.prefetch,
    firstAnswers: {
      status: firstStatus,
      search: first && settledSearch ? { request: first.search.request, response: settledSearch } : null,
    },
    openExternal: async (url, confirmUrl) => {
      if (!isOpenableExternalUrl(url)) return;
      if (await confirmUrl(url)) window.open(url, '_blank', 'noopener,noreferrer');
    },
  };
}

/**
 * The HTTP API with only the owner routes this page may use: the server's status names them, so a
 * page shared on a network asks for neither notes nor packs (each would be a 404 in its console).
 * An older server that does not say is asked about packs, as before. The same status answer is
 * the app's first status(): on a phone over a hotspot each round trip costs 150 ms or more.
 */
async function createBrowserApi(
  base: string,
  early: FirstRequests | null,
): Promise<{ api: ArchiveApi; firstStatus: ArchiveStatus | null }> {
  const first = await (early?.status ?? fetchFirstStatus(base));
  const ownerRoutes = first.routes;
  const packs = ownerRoutes ? ownerRoutes.has('packs') : await serverManagesPacks(base);
  const { annotations, ...withoutAnnotations } = createHttpArchiveApi(base, routes, {
    packs,
    requestSignal,
  });
  let firstStatus = first.status;
  const status = (): Promise<ArchiveStatus> => {
    const answer = firstStatus;
    firstStatus = null; // Later calls (polling, retries) ask the server again.
    return answer ? Promise.resolve(answer) : withoutAnnotations.status();
  };
  const search = takePrefetchedSearch(early?.search ?? null, (request) => withoutAnnotations.search(request));
  const api = { ...withoutAnnotations, status, search };
  return {
    api: ownerRoutes && !ownerRoutes.has('annotations') ? api : { ...api, annotations },
    firstStatus: first.status,
  };
}
