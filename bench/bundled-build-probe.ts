/**
 * Runs `build-probe.ts` as the app runs a build: from an esbuild bundle, with the render worker
 * bundled beside it (as scripts/build-cli.mjs lays out `corpus build`), not through tsx; the same
 * bundle `npm run bench` times (child-bundle.ts, bundledBuildProbe).
 *   tsx bench/bundled-build-probe.ts lunr|fts5 <input-dir> <out.sqlite> [node flags…]
 * Prints the probe's BENCH_RESULT line; node flags (e.g. `--cpu-prof`) go to the bundled child,
 * after the V8 flags `npm run corpus -- build` gives a build on this machine (build-gc-flags.mjs);
 * `--without-build-flags` leaves those out, to time a build without them.
 *
 * Why: under tsx every call into another module goes through an export getter and the worker
 * carries tsx's loader, which a user's `corpus build` or the desktop app never pays; a CPU
 * profile of a tsx build showed those getters as a tenth of the document analysis. Profiles of
 * the bundle lose module names (build-stages.ts needs a tsx run), so both ways are kept.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledBuildProbe } from './child-bundle';
import { buildV8Flags } from '../scripts/build-gc-flags.mjs';

const WITHOUT_BUILD_FLAGS = '--without-build-flags';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function main(): void {
  const [engine, input, out, ...extraFlags] = process.argv.slice(2);
  const buildFlags = extraFlags.includes(WITHOUT_BUILD_FLAGS) ? [] : buildV8Flags();
  const nodeFlags = [...buildFlags, ...extraFlags.filter((flag) => flag !== WITHOUT_BUILD_FLAGS)];
  if ((engine !== 'lunr' && engine !== 'fts5') || !input || !out) {
    throw new Error('usage: bundled-build-probe.ts lunr|fts5 <input-dir> <out.sqlite> [node flags…]');
  }
  const probe = bundledBuildProbe(root);
  const child = spawnSync(process.execPath, [...nodeFlags, probe, engine, input, out], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
}

main();
