/** The V8 flags browser mode's search pool sets for the whole process (search-thread-limits.ts). */
export const SEARCH_POOL_V8_FLAGS: readonly string[];
