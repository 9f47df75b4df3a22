// Node's module compile cache (Node ≥ 22.1): after the first start, the bundles' compiled code
// is read from disk (by default under the temp folder; NODE_COMPILE_CACHE overrides it,
// NODE_DISABLE_COMPILE_CACHE=1 turns it off) instead of compiled again. Worker threads started
// afterwards (the search pool, the import's render workers) inherit it through the environment
// variable. On older Node (20 has no such API) this does nothing and the bundles compile as before.
import module from 'node:module';

/** Turns the cache on for this process and its later workers; returns its folder, or null. */
export function enableCompileCache() {
  if (typeof module.enableCompileCache !== 'function') return null;
  const result = module.enableCompileCache();
  if (typeof result?.directory !== 'string') return null;
  process.env.NODE_COMPILE_CACHE = result.directory;
  return result.directory;
}
