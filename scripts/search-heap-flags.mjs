// The V8 flags browser mode's search pool sets for the whole process when it starts
// (src-main/common/search-thread-limits.ts, `limitSearchHeapGrowth`), for scripts/serve.mjs to
// set before the bundle is compiled: V8 keys a code cache by the flags (see code-cache.mjs).
// tests/unit/cli/code-cache.test.ts checks that they match SEARCH_HEAP_GROWING_PERCENT.
export const SEARCH_POOL_V8_FLAGS = ['--heap-growing-percent=30'];

// The same flags at V8's defaults (0: V8 picks the growth itself), for the server's start until
// its search pool starts. Under 30 % the old generation of a starting server (a few MB that grow
// to about 15 while it loads, opens and answers) was collected more often, for a limit meant for
// the search threads' long lives: from spawn to the first search answered (10,000 generated
// documents), 1.064 against 1.013 billion instructions (callgrind, medians of 6 and 7 starts
// alternately), about 5 ms of CPU.
export const SERVER_START_V8_FLAGS = ['--heap-growing-percent=0'];
