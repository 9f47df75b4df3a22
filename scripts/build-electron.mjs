#!/usr/bin/env node
// Bundles the Electron shell with esbuild into CommonJS (a sandboxed preload cannot load
// ES modules, and one format for all three keeps the packaged app simple):
//   dist/main/main.cjs, dist/main/archive-worker.cjs, dist/preload/preload.cjs
// `electron` is provided by the runtime; `better-sqlite3` stays external because its native
// .node file must be loaded from disk (app.asar.unpacked when packaged). No source maps:
// the packaged app ships no sources.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Targets below what Electron 40 embeds (a newer Node and Chromium), so nothing needs a polyfill.
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
  external: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers'],
  define: { 'process.env.NODE_ENV': '"production"' },
};

const targets = [
  { entry: 'src-main/main/main.ts', out: 'dist/main/main.cjs', target: 'node22' },
  { entry: 'src-main/main/archive-worker.ts', out: 'dist/main/archive-worker.cjs', target: 'node22' },
  { entry: 'src-main/preload/preload.ts', out: 'dist/preload/preload.cjs', target: 'chrome130' },
];

rmSync(path.join(root, 'dist/main'), { recursive: true, force: true });
rmSync(path.join(root, 'dist/preload'), { recursive: true, force: true });
const started = Date.now();
await Promise.all(
  targets.map(({ entry, out, target }) => build({ ...common, entryPoints: [entry], outfile: out, target })),
);
console.log(`Electron shell built in ${Date.now() - started} ms: ${targets.map((t) => t.out).join(', ')}`);
