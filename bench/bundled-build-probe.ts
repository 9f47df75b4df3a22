/**
 * Runs `build-probe.ts` as the app runs a build: from an esbuild bundle, with the render worker
 * bundled beside it (as scripts/build-cli.mjs lays out `corpus build`), not through tsx.
 *   tsx bench/bundled-build-probe.ts lunr|fts5 <input-dir> <out.sqlite> [node flags…]
 * Prints the probe's BENCH_RESULT line; node flags (e.g. `--cpu-prof`) go to the bundled child.
 *
 * Why: under tsx every call into another module goes through an export getter and the worker
 * carries tsx's loader, which a user's `corpus build` or the desktop app never pays; a CPU
 * profile of a tsx build showed those getters as a tenth of the document analysis. Profiles of
 * the bundle lose module names (build-stages.ts needs a tsx run), so both ways are kept.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { NODE_ESM_OPTIONS } from '../scripts/node-bundle-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function bundleProbe(): string {
  // One folder per checkout: a second checkout that links this node_modules (to compare two
  // versions) must not overwrite the bundle a running probe still loads chunks from.
  const checkout = createHash('sha256').update(root).digest('hex').slice(0, 8);
  const outDir = path.join(root, 'node_modules', '.cache', `archivo-bench-build-${checkout}`);
  mkdirSync(outDir, { recursive: true });
  buildSync({
    ...NODE_ESM_OPTIONS,
    entryPoints: {
      'build-probe': path.join(root, 'bench', 'build-probe.ts'),
      // Beside the probe: render-pool.ts looks for render-worker.mjs in its own module's folder.
      'render-worker': path.join(root, 'src-main', 'core', 'import', 'render-worker.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: '[name]-[hash]',
    absWorkingDir: root,
    external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers'],
  });
  return path.join(outDir, 'build-probe.mjs');
}

function main(): void {
  const [engine, input, out, ...nodeFlags] = process.argv.slice(2);
  if ((engine !== 'lunr' && engine !== 'fts5') || !input || !out) {
    throw new Error('usage: bundled-build-probe.ts lunr|fts5 <input-dir> <out.sqlite> [node flags…]');
  }
  const child = spawnSync(process.execPath, [...nodeFlags, bundleProbe(), engine, input, out], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
}

main();
