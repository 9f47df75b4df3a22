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
// ARCHIVO_START_TRACE=1: the start-up timeline on stderr (src-main/serve/start-trace.ts).
if (process.env.ARCHIVO_START_TRACE === '1') {
  const cpu = process.cpuUsage();
  process.stderr.write(
    `start-trace staleness checked ${performance.now().toFixed(1)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms)\n`,
  );
}
await import(pathToFileURL(serveBundle).href);
