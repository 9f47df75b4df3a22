import type { ArchiveApi } from '../../src-main/common/api';
import type { SearchHit, SearchRequest } from '../../src-main/common/types';

/**
 * What a book would hold and weigh, asked before it is written. Kept apart from the writer
 * (and its zip library), which the page loads only when someone saves a book.
 */

/** Most documents one book may hold (one search page of the server; a phone's book app opens it in seconds). */
export const MAX_BOOK_DOCUMENTS = 1000;
/** Largest book offered, estimated before anything is fetched. */
export const MAX_BOOK_BYTES = 40 * 1000 * 1000;
/** Average stored bytes per word of Spanish text with its markup, for the estimate shown first. */
const BYTES_PER_WORD = 7;
const BYTES_PER_DOCUMENT = 2000;

/** What a book of these documents will weigh, roughly (text only; images are counted as they come). */
export function estimateBookBytes(documents: Pick<SearchHit, 'words'>[]): number {
  return documents.reduce((sum, document) => sum + document.words * BYTES_PER_WORD + BYTES_PER_DOCUMENT, 0);
}

/** Every hit of a search (summaries only), up to MAX_BOOK_DOCUMENTS. */
export async function allHits(api: ArchiveApi, request: SearchRequest): Promise<{ hits: SearchHit[]; total: number }> {
  const first = await api.search({ ...request, offset: 0, limit: MAX_BOOK_DOCUMENTS });
  return { hits: first.hits, total: first.total };
}
