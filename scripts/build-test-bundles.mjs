#!/usr/bin/env node
// Used by the tests only (tests/support/bundles.ts): rebuilds the command line's and browser
// mode's esbuild bundles when they are missing or older than their sources, so the tests' child
// processes start the bundles (one plain Node start-up each) instead of compiling TypeScript
// through tsx at every start, and still always run the current code.
// Prints one line saying what it did.
import { buildCli, cliBundleStale } from './build-cli.mjs';
import { buildServe, serveBundleStale } from './build-serve.mjs';
import { buildTestKdfServe, testKdfServeBundleStale } from './build-test-serve-kdf.mjs';

const built = [];
if (cliBundleStale()) built.push(`command line in ${await buildCli()} ms`);
if (serveBundleStale()) built.push(`browser mode in ${await buildServe()} ms`);
if (testKdfServeBundleStale()) built.push(`browser mode with the test key cost in ${await buildTestKdfServe()} ms`);
console.log(built.length > 0 ? `Test bundles rebuilt: ${built.join(', ')}` : 'Test bundles are up to date');
