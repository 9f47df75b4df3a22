#!/usr/bin/env node
// Bundles browser mode with esbuild: dist/serve/serve.mjs (ES module chunks, shared with the
// search worker; what tests start) and dist/serve/serve.cjs (the same server in one CommonJS
// file, what `npm run serve` runs with a code cache), so starting it does not compile
// TypeScript first (tsx took most of the start → first search time on a 10,000-document
// corpus). better-sqlite3's JavaScript is bundled and its native .node file loaded from
// node_modules (see sqliteBindingPlugin). Re-exports the bundle's paths and `serveBundleStale()`
// (serve-bundle-files.mjs, which scripts/serve.mjs imports without this file).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeBundle } from './write-bundle.mjs';
import { NODE_ESM_OPTIONS } from './node-bundle-options.mjs';
import { projectRoot as root, serveBundle, serveOutDir as outDir } from './serve-bundle-files.mjs';

export { serveBundle, serveBundleStale, serveCommonJsBundle } from './serve-bundle-files.mjs';

// Besides the project files esbuild reads (recorded at each build, see bundle-staleness.mjs).
const buildFiles = [
  'package.json',
  'package-lock.json',
  'scripts/build-serve.mjs',
  'scripts/serve-bundle-files.mjs',
  'scripts/bundle-staleness.mjs',
  'scripts/write-bundle.mjs',
  'scripts/node-bundle-options.mjs',
];

/**
 * better-sqlite3's JavaScript goes into the bundle, so it is compiled once and kept in the code
 * cache like the rest (required from node_modules it was compiled at every start: 6-10 ms of
 * CPU with its `bindings` lookup). Only its native module is loaded from node_modules: the
 * `bindings` package, which finds it by walking the call stack up to the caller's package (the
 * bundle's, once bundled), is replaced by a require of the file better-sqlite3 builds.
 */
const sqliteBindingPlugin = {
  name: 'better-sqlite3-native-binding',
  setup(build) {
    const fromSqlite = `${path.sep}node_modules${path.sep}better-sqlite3${path.sep}`;
    build.onResolve({ filter: /^bindings$/ }, (args) =>
      args.importer.includes(fromSqlite) ? { path: 'better-sqlite3-native', namespace: 'sqlite-binding' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'sqlite-binding' }, () => ({
      contents:
        "const path = require('node:path');\n" +
        'module.exports = (name) =>\n' +
        "  require(path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', name));\n",
      loader: 'js',
    }));
  },
};

export async function buildServe() {
  const started = Date.now();
  // Imported here, not at the top: checking staleness must not cost esbuild's load time (~0.3 s).
  const { build } = await import('esbuild');
  // The search worker (src-main/serve/search-worker.ts) is its own entry beside serve.mjs: the
  // pool starts it by file name. piscina stays external: it starts its own worker file from
  // its package folder. Code split into chunks: what the start does not need (the notes and
  // their encrypted SQLite binding, pack installs, the QR codes of a shared server) is imported
  // when first used, so a start compiles and runs less; both entries share the chunks.
  // What the ES module bundle and its CommonJS twin below have in common (the twin sets its own
  // format, defines and banner).
  const shared = {
    ...NODE_ESM_OPTIONS,
    outdir: outDir,
    sourcemap: false,
    legalComments: 'none',
    absWorkingDir: root,
    external: ['better-sqlite3-multiple-ciphers', 'piscina', 'better-sqlite3/package.json'],
    plugins: [sqliteBindingPlugin],
    write: false,
    metafile: true,
  };
  const result = await build({
    ...shared,
    entryPoints: {
      serve: path.join(root, 'src-main/serve/main.ts'),
      'search-worker': path.join(root, 'src-main/serve/search-worker.ts'),
    },
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: '[name]-[hash]',
  });
  // The CommonJS twin of serve.mjs (one file, no chunks). No import() is left in it: a script
  // run through node:vm on Node 20 cannot import() without an experimental flag, so what the
  // sources load with import() is required (piscina is CommonJS; Vite runs as a process).
  const commonJs = await build({
    ...shared,
    entryPoints: { serve: path.join(root, 'src-main/serve/main.ts') },
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    supported: { 'dynamic-import': false },
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__bundleFileUrl' },
    banner: { js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  result.outputFiles.push(...commonJs.outputFiles);
  Object.assign(result.metafile.inputs, commonJs.metafile.inputs);
  writeBundle(root, outDir, result, buildFiles, {
    entryNames: ['serve.mjs', 'serve.cjs', 'search-worker.mjs'],
    leftover: /\.[mc]js$/,
  });
  return Date.now() - started;
}

// Run as a script (`npm run build:serve`): always rebuild.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const ms = await buildServe();
  console.log(`Browser mode built in ${ms} ms: ${path.relative(root, serveBundle)}`);
}
