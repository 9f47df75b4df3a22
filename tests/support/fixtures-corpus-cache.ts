import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { cliBundle, ensureFreshBundles, repoRoot } from './bundles';
import { runCorpusCli } from './serve-process';

/**
 * Corpus databases built once by the real command line and reused: several end-to-end specs
 * build the same inputs (the gobiernofacil site with the seeds), each in its own worker. A
 * build is kept under node_modules/.cache/archive-tests/corpora, named by a hash of the command
 * line's bundle (so any change to the import, the store or the CLI builds anew), the inputs'
 * names and bytes and the build's arguments; each caller gets its own copy to open and change.
 */
const cacheDir = path.join(repoRoot, 'node_modules/.cache/archive-tests/corpora');

/** Feeds every file below `target` (path relative to it, then its bytes) into the hash, in a stable order. */
function hashTree(hash: ReturnType<typeof createHash>, target: string, relative = ''): void {
  const full = path.join(target, relative);
  if (statSync(full).isDirectory()) {
    for (const name of readdirSync(full).sort()) hashTree(hash, target, path.join(relative, name));
    return;
  }
  hash.update(`\0${relative}\0`);
  hash.update(readFileSync(full));
}

function cacheKey(inputs: string[], name: string): string {
  const hash = createHash('sha256');
  const bundleFolder = path.dirname(cliBundle);
  hashTree(hash, bundleFolder);
  // A document's stored source starts with its input folder's name, never the rest of the path:
  // generated inputs in a fresh temp folder each run still find their earlier build.
  hash.update(JSON.stringify({ inputs: inputs.map((input) => path.basename(input)), name }));
  for (const input of inputs) hashTree(hash, input);
  return hash.digest('hex').slice(0, 32);
}

/**
 * Writes to `out` a corpus built from `inputs` (folders, absolute or relative to the project)
 * with `corpus build … --name <name>`: a copy of an identical earlier build when there is one.
 */
export function buildCorpusCached(inputs: string[], name: string, out: string): void {
  const absolute = inputs.map((input) => path.resolve(repoRoot, input));
  // The bundle must be current before its bytes name the build.
  ensureFreshBundles();
  const cached = path.join(cacheDir, `${cacheKey(absolute, name)}.sqlite`);
  if (!existsSync(cached)) {
    mkdirSync(cacheDir, { recursive: true });
    const partialDir = path.join(cacheDir, `build-${process.pid}-${Date.now()}`);
    mkdirSync(partialDir);
    try {
      const built = path.join(partialDir, 'corpus.sqlite');
      runCorpusCli(['build', ...absolute, '--out', built, '--name', name]);
      // Renamed into place whole: a worker building the same inputs at once loses nothing.
      renameSync(built, cached);
    } finally {
      rmSync(partialDir, { recursive: true, force: true });
    }
  }
  mkdirSync(path.dirname(out), { recursive: true });
  copyFileSync(cached, out);
}
