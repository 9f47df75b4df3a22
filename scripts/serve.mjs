#!/usr/bin/env node
// `npm run serve`: runs the bundled browser mode, rebuilding it first when it is missing or
// older than its sources (esbuild, a fraction of a second). The bundle runs in this same
// process so the start costs one Node start-up, not two; it reads its options from
// process.argv exactly as the sources do. It runs as one CommonJS file with a V8 code cache
// (code-cache.mjs): from the second start on, nothing of it is parsed or compiled again.
import { serveBundleStale, serveCommonJsBundle } from './serve-bundle-files.mjs';
import { runWithCodeCache } from './code-cache.mjs';
import { enableCompileCache } from './compile-cache.mjs';
import { SEARCH_POOL_V8_FLAGS, SERVER_START_V8_FLAGS } from './search-heap-flags.mjs';

// For the worker threads started later (search pool, render workers), on a Node that has it.
enableCompileCache();

// esbuild and the build script are loaded only when a rebuild is needed.
if (serveBundleStale()) await (await import('./build-serve.mjs')).buildServe();
// ARCHIVO_START_TRACE=1: the start-up timeline on stderr (src-main/serve/start-trace.ts).
if (process.env.ARCHIVO_START_TRACE === '1') {
  const cpu = process.cpuUsage();
  process.stderr.write(
    `start-trace staleness checked ${performance.now().toFixed(1)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms)\n`,
  );
}
// The search pool's process-wide V8 flags are in force when the code cache is checked and
// written: set only when the pool starts, they made every cache written at exit unusable for the
// next start. The server's own start runs without them until the pool sets them.
const cacheUsed = runWithCodeCache(serveCommonJsBundle, {
  v8Flags: SEARCH_POOL_V8_FLAGS,
  startV8Flags: SERVER_START_V8_FLAGS,
});
if (process.env.ARCHIVO_START_TRACE === '1') {
  process.stderr.write(`start-trace code cache ${cacheUsed ? 'used' : 'not used (compiled from source)'}\n`);
}
