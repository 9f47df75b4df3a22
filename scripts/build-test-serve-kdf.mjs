#!/usr/bin/env node
// Used by the tests only (scripts/build-test-bundles.mjs): bundles browser mode behind
// tests/support/serve-with-test-kdf.ts into build/serve-test-kdf/, the server the end-to-end specs
// of encrypted notes start. There each key derivation costs 1,000 PBKDF2 iterations instead of
// SQLCipher 4's 256,000 (about a second of CPU per open, dozens of opens per spec). The shipped
// bundle (dist/serve, scripts/build-serve.mjs) is built without this entry.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleStale } from './bundle-staleness.mjs';
import { writeBundle } from './write-bundle.mjs';
import { NODE_ESM_OPTIONS } from './node-bundle-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Not under dist/, whose files electron-builder packs into the desktop app: the seam must never
// reach an installer. Two levels below the project, as dist/serve is, so the server's own
// paths (the built UI in dist/renderer) resolve the same.
const outDir = path.join(root, 'build', 'serve-test-kdf');
export const testKdfServeBundle = path.join(outDir, 'serve.mjs');
const buildFiles = [
  'package.json',
  'package-lock.json',
  'scripts/build-test-serve-kdf.mjs',
  'scripts/bundle-staleness.mjs',
  'scripts/write-bundle.mjs',
  'scripts/node-bundle-options.mjs',
];

/** True when the bundle is missing or older than any of the files it was built from. */
export function testKdfServeBundleStale() {
  return bundleStale(root, outDir, [testKdfServeBundle, path.join(outDir, 'search-worker.mjs')]);
}

export async function buildTestKdfServe() {
  const started = Date.now();
  const { build } = await import('esbuild');
  // As browser mode's own bundle: the search worker beside the server (the pool starts it by
  // file name), shared chunks, so the server and its workers load one copy of each module. The
  // native SQLite packages and piscina are loaded from node_modules.
  const result = await build({
    ...NODE_ESM_OPTIONS,
    entryPoints: {
      serve: path.join(root, 'tests/support/serve-with-test-kdf.ts'),
      'search-worker': path.join(root, 'src-main/serve/search-worker.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: '[name]-[hash]',
    sourcemap: false,
    legalComments: 'none',
    absWorkingDir: root,
    external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'piscina'],
    write: false,
    metafile: true,
  });
  writeBundle(root, outDir, result, buildFiles, { entryNames: ['serve.mjs', 'search-worker.mjs'] });
  return Date.now() - started;
}
