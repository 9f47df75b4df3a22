/** Folder of a bundle's code caches. */
export function codeCacheDir(bundle: string): string;
/** The cache file for this bundle as it is now, on this Node. */
export function codeCacheFile(bundle: string): string;
/**
 * Runs a CommonJS bundle with its code cache; whether a cache was used. `v8Flags`: the V8 flags
 * the bundle sets while it runs, set before it is compiled (V8 keys a cache by the flags).
 */
export function runWithCodeCache(bundle: string, options?: { v8Flags?: readonly string[] }): boolean;
