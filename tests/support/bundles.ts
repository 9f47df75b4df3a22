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
 * The import's render worker as the command line's bundle ships it: a worker started from it
 * costs a plain module load, where one started from sources compiles them through tsx first
 * (about 1.5 s of CPU each). Tests of what workers compute on Markdown, HTML and text use it.
 * Not for PDFs: in this worker pdf.js fails to set up its fake worker (it looks for
 * dist/cli/pdf.worker.mjs, which the bundle does not write) and skips the file, so tests whose
 * inputs hold a PDF start the worker from sources.
 */
export const cliRenderWorkerBundle = path.join(repoRoot, 'dist/cli/render-worker.mjs');
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
