import v8 from 'node:v8';

/**
 * V8 heap limits of the threads that run searches: browser mode's search pool
 * (serve/search-pool.ts), the desktop app's archive worker (main/main.ts) and the benchmark's
 * search probe, which runs its searches in such a thread so that it measures what the app does.
 *
 * Why a small young generation: a search allocates mostly short-lived objects (a page of hits,
 * snippet strings, query arrays). With V8's default (16 MB semi-spaces, 48 MB of young
 * generation on 64-bit) the heap of a search thread grew to 60-65 MB over the 44 benchmark
 * queries at 10,000 documents, a third of the process's 160 MB; with 3 MB it stays near 30 MB
 * and the process under 120 MB, for about the same CPU per query (scavenges of a few MB of
 * mostly dead objects are short). The old generation is not capped: a large archive pack
 * needs what it needs, and running out of heap would end the thread.
 */
export const SEARCH_THREAD_RESOURCE_LIMITS: { readonly maxYoungGenerationSizeMb: number } = {
  maxYoungGenerationSizeMb: 3,
};

/**
 * How far V8 lets the old generation grow past what the last full collection kept before it
 * collects again, in percent (V8's `--heap-growing-percent`).
 *
 * Why: by default V8 picks the factor itself, up to 4× for a small heap whose collections are
 * fast, so a search thread that keeps ~33 MB live at 10,000 documents committed 37-46 MB of heap
 * and let Buffers it no longer used (SQLite blobs, decompressed block prefixes: freed only by a
 * collection) pile up in malloc, where glibc keeps the freed chunks. Measured with
 * bench/memory-breakdown.ts and the bench's search probe (10,000 generated documents, 44
 * queries × 7 passes, medians of 3 at a load average of 15-22 on 2 cores): peak RSS 146-147 MB
 * by default, 126 / 125 / 126 / 129 / 135 MB at 10 / 20 / 30 / 50 / 100%, for the same CPU per
 * query (p95 7.2-7.9 ms default, 7.3-7.8 ms at 30%). Only memory the search no longer uses is
 * given back sooner: at 100,000 documents the live heap is larger and a full collection comes
 * after 30% of it has been allocated again, so the cost stays proportional to the work.
 */
export const SEARCH_HEAP_GROWING_PERCENT = 30;

let heapGrowthLimited = false;

/**
 * Sets SEARCH_HEAP_GROWING_PERCENT for this process, before its search threads start. V8's
 * flags are per process: the thread that starts them (the server, Electron's main process)
 * gets it too, and its heap is small. Idempotent.
 */
export function limitSearchHeapGrowth(): void {
  if (heapGrowthLimited) return;
  heapGrowthLimited = true;
  v8.setFlagsFromString(`--heap-growing-percent=${String(SEARCH_HEAP_GROWING_PERCENT)}`);
}
