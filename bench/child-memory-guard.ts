/**
 * Stops an in-memory engine's build early when it clearly cannot hold the corpus (competitor-probe.ts).
 * At 100,000 documents Lunr and MiniSearch need several times the child's 4 GB heap; on a shared
 * 2-core machine they took most of an hour to reach V8's limit and die, and what that hour
 * measured was only "out of memory". Their live heap grows about linearly with the documents
 * added (postings per document; the vocabulary grows more slowly, so a linear projection is on
 * the high side early on, hence the margin and the minimum share), so once a good part of the
 * corpus is in, the heap needed for all of it can be projected and the step ended with the figures
 * that show why.
 */

export interface MemoryCheck {
  documentsAdded: number;
  documentsTotal: number;
  /** Live heap after a full collection, in MB. */
  heapUsedMb: number;
  /** V8's heap limit of the child (`--max-old-space-size`), in MB. */
  heapLimitMb: number;
}

/** Documents that must be in before a projection counts (early heaps are mostly fixed costs). */
export const MIN_SHARE = 0.3;
/** The projection must exceed the limit by this factor: a build that might just fit is left to try. */
export const MARGIN = 1.25;

/** The heap all documents would need at the rate so far, in MB. */
export function projectedHeapMb(check: MemoryCheck): number {
  return (check.heapUsedMb / Math.max(1, check.documentsAdded)) * check.documentsTotal;
}

/** Why the build cannot fit, or null while it may. */
export function cannotFit(check: MemoryCheck): string | null {
  if (check.documentsTotal <= 0 || check.documentsAdded < MIN_SHARE * check.documentsTotal) return null;
  const projected = projectedHeapMb(check);
  if (projected <= MARGIN * check.heapLimitMb) return null;
  return (
    `out of memory, projected: ${(projected / 1024).toFixed(1)} GB of heap for ${check.documentsTotal.toLocaleString('en-US')} ` +
    `documents (${check.heapUsedMb.toFixed(0)} MB live after ${check.documentsAdded.toLocaleString('en-US')}; ` +
    `heap limit ${check.heapLimitMb.toFixed(0)} MB)`
  );
}
