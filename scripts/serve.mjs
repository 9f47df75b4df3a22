#!/usr/bin/env node
// `npm run serve`: runs the bundled browser mode (dist/serve/serve.mjs), rebuilding it first
// when it is missing or older than its sources (esbuild, a fraction of a second). The bundle
// runs in this same process so the start costs one Node start-up, not two; it reads its
// options from process.argv exactly as the sources do.
import { pathToFileURL } from 'node:url';
import { buildServe, serveBundle, serveBundleStale } from './build-serve.mjs';
import { enableCompileCache } from './compile-cache.mjs';

// Before the bundle is imported, so it is the first module read from the cache.
enableCompileCache();

if (serveBundleStale()) await buildServe();
await import(pathToFileURL(serveBundle).href);
