import type { CorpusInfo, DocumentRecord, SearchRequest, SearchResponse } from '../common/types';

/** An image stored in the corpus database. */
export interface StoredAsset {
  mime: string;
  bytes: Buffer;
}

/**
 * A corpus database opened for reading, with its search index loaded.
 * Synchronous: callers that must not block (the Electron main process) run it in a worker.
 */
export interface Archive {
  readonly info: CorpusInfo;
  search(request: SearchRequest): SearchResponse;
  getDocument(id: string): DocumentRecord | null;
  getAsset(id: string): StoredAsset | null;
  close(): void;
}

// IMPLEMENTATION PENDING (store + search work): openArchive(databasePath: string): Archive
export function openArchive(databasePath: string): Archive {
  throw new Error(`openArchive is not implemented yet (${databasePath})`);
}
