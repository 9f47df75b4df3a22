#!/usr/bin/env node
// `npm run corpus`: runs the bundled command line (dist/cli/corpus.mjs), rebuilding it first when
// it is missing or older than its sources. The bundle runs in this process (one Node start-up)
// and reads its arguments from process.argv exactly as the sources do.
import { pathToFileURL } from 'node:url';
import { buildCli, cliBundle, cliBundleStale } from './build-cli.mjs';
import { enableCompileCache } from './compile-cache.mjs';

// Before the bundle is imported, so it is the first module read from the cache.
enableCompileCache();

if (cliBundleStale()) await buildCli();
await import(pathToFileURL(cliBundle).href);
