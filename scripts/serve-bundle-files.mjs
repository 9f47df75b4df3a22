// Where browser mode's bundle is and whether it must be rebuilt: all that `npm run serve`
// (scripts/serve.mjs) needs before it runs the bundle, apart from build-serve.mjs and its
// imports, which a start loads only when it has to rebuild (about 2 ms of CPU less per start).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleStale } from './bundle-staleness.mjs';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serveBundle = path.join(projectRoot, 'dist', 'serve', 'serve.mjs');
/**
 * The same server as one CommonJS file, which `npm run serve` runs with a V8 code cache (see
 * code-cache.mjs): Node 20 keeps no compiled code of ES modules between starts.
 */
export const serveCommonJsBundle = path.join(projectRoot, 'dist', 'serve', 'serve.cjs');
export const serveOutDir = path.dirname(serveBundle);

/** True when the bundle is missing or older than any of the files it was built from. */
export function serveBundleStale() {
  return bundleStale(projectRoot, serveOutDir, [
    serveBundle,
    serveCommonJsBundle,
    path.join(serveOutDir, 'search-worker.mjs'),
  ]);
}
