/** The V8 flags browser mode's search pool sets for the whole process (search-thread-limits.ts). */
export const SEARCH_POOL_V8_FLAGS: readonly string[];
/** Those flags at V8's defaults, for the server's start until its search pool starts. */
export const SERVER_START_V8_FLAGS: readonly string[];
