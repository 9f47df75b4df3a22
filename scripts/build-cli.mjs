#!/usr/bin/env node
// Bundles the corpus command line (`npm run corpus`) with esbuild, as build-serve.mjs does for
// browser mode: dist/cli/corpus.mjs plus the import's render worker beside it
// (dist/cli/render-worker.mjs, found there by render-pool.ts). Starting TypeScript through tsx
// was most of a cold `corpus search` (about 3 s of it); the bundle starts in a fraction of that.
// `better-sqlite3` stays external (its native .node file loads from node_modules).
// Also exports `cliBundleStale()` for scripts/corpus.mjs.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleStale } from './bundle-staleness.mjs';
import { writeBundle } from './write-bundle.mjs';
import { NODE_ESM_OPTIONS } from './node-bundle-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'cli');
export const cliBundle = path.join(outDir, 'corpus.mjs');
const entries = {
  corpus: path.join(root, 'src-main/cli/main.ts'),
  'render-worker': path.join(root, 'src-main/core/import/render-worker.ts'),
};
// Besides the project files esbuild reads (recorded at each build, see bundle-staleness.mjs).
const buildFiles = [
  'package.json',
  'package-lock.json',
  'scripts/build-cli.mjs',
  'scripts/bundle-staleness.mjs',
  'scripts/write-bundle.mjs',
  'scripts/node-bundle-options.mjs',
];

/** True when a bundle file is missing or older than any of the files it was built from. */
export function cliBundleStale() {
  const outputs = Object.keys(entries).map((name) => path.join(outDir, `${name}.mjs`));
  return bundleStale(root, outDir, outputs);
}

export async function buildCli() {
  const started = Date.now();
  const { build } = await import('esbuild');
  const result = await build({
    ...NODE_ESM_OPTIONS,
    entryPoints: entries,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // Shared chunks: build, pack and verify are imported lazily (src-main/cli/main.ts), so a
    // search loads only what it needs.
    splitting: true,
    // Beside the entry points: render-pool.ts looks for render-worker.mjs in its own module's folder.
    chunkNames: '[name]-[hash]',
    sourcemap: false,
    legalComments: 'none',
    absWorkingDir: root,
    external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers'],
    write: false,
    metafile: true,
  });
  writeBundle(root, outDir, result, buildFiles);
  return Date.now() - started;
}

// Run as a script (`npm run build:cli`): always rebuild.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const ms = await buildCli();
  console.log(`Command line built in ${ms} ms: ${path.relative(root, cliBundle)}`);
}
