import { LRUCache } from 'lru-cache';
import type { DocumentRecord } from '../../src-main/common/types';

type GetDocument = (id: string) => Promise<DocumentRecord | null>;

/** Documents asked for recently, or about to be (a pointer over a result, the active row). */
export interface DocumentCache {
  /** The document, from the cache when it was asked for (or prefetched) in the last minute. */
  getDocument: GetDocument;
  /** Starts fetching a document the person is likely to open next; nothing when it is already kept. */
  prefetch: (id: string) => void;
}

/** A reader rarely keeps more than a handful of results in play; a document is a few to a few hundred kB. */
const KEPT_DOCUMENTS = 16;
/**
 * Kept for a minute: long enough for a pointer that rests on a result before the click, and for
 * going back and forth between a few documents; short enough that a pack installed or removed
 * meanwhile is seen soon after.
 */
const KEPT_MS = 60_000;

/**
 * Keeps the answers of `getDocument` (as promises, so a prefetch still on the wire is shared with
 * the click that follows it). A failed answer is forgotten at once, so the next open asks again
 * (and, offline, the tab's own copy answers: the keeper sits above this cache).
 */
export function cacheDocuments(getDocument: GetDocument, now?: () => number): DocumentCache {
  const kept = new LRUCache<string, Promise<DocumentRecord | null>>({
    max: KEPT_DOCUMENTS,
    ttl: KEPT_MS,
    // Read the clock on every look-up (a handful per click), not a copy refreshed by a timer.
    ttlResolution: 0,
    ...(now ? { perf: { now } } : {}),
  });
  const fetchInto = (id: string): Promise<DocumentRecord | null> => {
    const answer = getDocument(id);
    kept.set(id, answer);
    answer.catch(() => {
      if (kept.peek(id) === answer) kept.delete(id);
    });
    return answer;
  };
  return {
    getDocument: (id) => kept.get(id) ?? fetchInto(id),
    prefetch: (id) => {
      if (!kept.has(id)) void fetchInto(id);
    },
  };
}
