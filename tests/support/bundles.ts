import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The esbuild bundles the tests start as child processes: the corpus command line
 * (dist/cli/corpus.mjs) and browser mode (dist/serve/serve.mjs). A bundle starts as one plain
 * Node start-up, where tsx compiled the sources again in every child (and in each of its worker
 * threads), which was most of the unit and end-to-end tests' time on a 2-core machine.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliBundle = path.join(repoRoot, 'dist/cli/corpus.mjs');
/**
 * The command line's render worker (its PDF reading included), for tests that run an import in
 * their own process with the worker as shipped: one plain Node start-up per worker, where the
 * sources' worker compiles them again through tsx in every thread.
 */
export const cliRenderWorker = path.join(repoRoot, 'dist/cli/render-worker.mjs');
export const serveBundle = path.join(repoRoot, 'dist/serve/serve.mjs');
/** Browser mode with the test key cost for encrypted notes (./serve-with-test-kdf.ts). */
export const testKdfServeBundle = path.join(repoRoot, 'build/serve-test-kdf/serve.mjs');

let checked = false;

/**
 * Rebuilds the bundles when one is missing or older than its sources (scripts/build-test-bundles.mjs),
 * once per process: a test must always exercise the current code. The test runners' global
 * set-ups call it first, so their workers only find the bundles fresh.
 */
export function ensureFreshBundles(): string {
  if (checked) return 'Test bundles checked';
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/build-test-bundles.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) {
    throw new Error(`Building the test bundles failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  checked = true;
  return result.stdout.trim();
}
