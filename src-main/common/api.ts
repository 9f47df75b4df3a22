import type { CorpusInfo, DocumentRecord, SearchRequest, SearchResponse } from './types';

/**
 * The one contract between the UI and the archive. The Electron preload exposes it
 * as `window.archive` over IPC; browser mode offers it over HTTP. The renderer talks
 * only to this interface and never knows which transport is behind it.
 *
 * Every method rejects with an `ApiErrorPayload`-shaped error on failure.
 */
export interface ArchiveApi {
  /** Whether the corpus and its search index are loaded (they load off the UI thread). */
  status(): Promise<ArchiveStatus>;
  corpusInfo(): Promise<CorpusInfo>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Resolves to null when no document has that id. */
  getDocument(id: string): Promise<DocumentRecord | null>;
  /** URL under which this transport serves the image stored with that asset id. */
  assetUrl(assetId: string): string;
  /**
   * Electron only (absent in browser mode, where a plain link does the job): asks the
   * user to confirm the exact URL, then opens an http(s)/mailto link in the system
   * browser. Resolves whether or not the user confirmed.
   */
  openExternal?(url: string): Promise<void>;
}

export type ArchiveStatus =
  | { state: 'loading' }
  | { state: 'ready' }
  | { state: 'error'; message: string };
