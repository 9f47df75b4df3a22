/** Folder of a bundle's code caches. */
export function codeCacheDir(bundle: string): string;
/** The cache file for this bundle as it is now, on this Node. */
export function codeCacheFile(bundle: string): string;
/** Runs a CommonJS bundle with its code cache; whether a cache was used. */
export function runWithCodeCache(bundle: string): boolean;
