#!/usr/bin/env node
// Bundles browser mode (`npm run serve`) with esbuild into one ES module, dist/serve/serve.mjs,
// so starting it does not compile TypeScript first (tsx took most of the start → first search
// time on a 10,000-document corpus). `better-sqlite3` stays external (its native .node file is
// loaded from node_modules); `vite` stays external because it is only imported, lazily, when
// the UI has to be (re)built. Also exports `serveBundleStale()` for scripts/serve.mjs.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleStale, writeBundleInputs } from './bundle-staleness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serveBundle = path.join(root, 'dist', 'serve', 'serve.mjs');
const outDir = path.dirname(serveBundle);
// Besides the project files esbuild reads (recorded at each build, see bundle-staleness.mjs).
const buildFiles = ['package.json', 'package-lock.json', 'scripts/build-serve.mjs', 'scripts/bundle-staleness.mjs'];

/** True when the bundle is missing or older than any of the files it was built from. */
export function serveBundleStale() {
  return bundleStale(root, outDir, [serveBundle, path.join(outDir, 'search-worker.mjs')]);
}

export async function buildServe() {
  const started = Date.now();
  // Imported here, not at the top: checking staleness must not cost esbuild's load time (~0.3 s).
  const { build } = await import('esbuild');
  // The search worker (src-main/serve/search-worker.ts) is its own entry beside serve.mjs: the
  // pool starts it by file name. piscina stays external: it starts its own worker file from
  // its package folder. Code split into chunks: what the start does not need (the notes and
  // their encrypted SQLite binding, pack installs, the QR codes of a shared server) is imported
  // when first used, so a start compiles and runs less; both entries share the chunks.
  const result = await build({
    entryPoints: {
      serve: path.join(root, 'src-main/serve/main.ts'),
      'search-worker': path.join(root, 'src-main/serve/search-worker.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: root,
    external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'vite', 'piscina'],
    define: { 'process.env.NODE_ENV': '"production"' },
    // CommonJS packages in the bundle (commander, lunr, …) call require() for Node built-ins;
    // an ES module has no require, so give each file one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    write: false,
    metafile: true,
  });
  mkdirSync(outDir, { recursive: true });
  writeBundleInputs(root, outDir, result.metafile, buildFiles);
  // Written beside, then renamed over: a second `npm run serve` starting meanwhile loads either
  // the old files or the new ones, never a half-written file. Chunks (named by their hash) come
  // first, the entries last, so an entry never names a chunk that is not there yet.
  const entryFiles = new Set(['serve.mjs', 'search-worker.mjs']);
  const isEntry = (file) => Number(entryFiles.has(path.basename(file.path)));
  const entryLast = [...result.outputFiles].sort((a, b) => isEntry(a) - isEntry(b));
  for (const output of entryLast) {
    const partial = `${output.path}.${process.pid}.partial`;
    writeFileSync(partial, output.contents);
    renameSync(partial, output.path);
  }
  // Chunks of earlier builds are no longer referenced.
  const current = new Set(result.outputFiles.map((output) => path.basename(output.path)));
  for (const name of readdirSync(outDir)) {
    if (name.endsWith('.mjs') && !current.has(name)) rmSync(path.join(outDir, name), { force: true });
  }
  return Date.now() - started;
}

// Run as a script (`npm run build:serve`): always rebuild.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const ms = await buildServe();
  console.log(`Browser mode built in ${ms} ms: ${path.relative(root, serveBundle)}`);
}
