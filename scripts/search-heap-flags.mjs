// The V8 flags browser mode's search pool sets for the whole process when it starts
// (src-main/common/search-thread-limits.ts, `limitSearchHeapGrowth`), for scripts/serve.mjs to
// set before the bundle is compiled: V8 keys a code cache by the flags (see code-cache.mjs).
// tests/unit/cli/code-cache.test.ts checks that they match SEARCH_HEAP_GROWING_PERCENT.
export const SEARCH_POOL_V8_FLAGS = ['--heap-growing-percent=30'];
