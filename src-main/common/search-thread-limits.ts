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
