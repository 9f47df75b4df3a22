/** Folder of a bundle's code caches. */
export function codeCacheDir(bundle: string): string;
/** The cache file for this bundle as it is now, on this Node. */
export function codeCacheFile(bundle: string): string;
/**
 * Runs a CommonJS bundle with its code cache; whether a cache was used. `v8Flags`: the V8 flags
 * the bundle sets while it runs, in force when the cache is checked and written (V8 keys a cache
 * by the flags). `startV8Flags`: set once the bundle is compiled, for its start.
 */
export function runWithCodeCache(
  bundle: string,
  options?: { v8Flags?: readonly string[]; startV8Flags?: readonly string[] },
): boolean;
