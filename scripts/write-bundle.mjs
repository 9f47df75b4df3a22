// Writes an esbuild result (built with `write: false, metafile: true`) into its folder, for every
// bundle the project makes (browser mode, the command line, the test-cost server), so each
// writes its files the same safe way.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeBundleInputs } from './bundle-staleness.mjs';

/**
 * Records the bundle's inputs (bundle-staleness.mjs), then writes each file beside its place and
 * renames it over: a process starting meanwhile loads the old files or the new ones, never a
 * half-written file. Chunks (named by their hash) come first and the entries named in
 * `entryNames` last, so an entry never names a chunk that is not there yet. Files of earlier
 * builds that match `leftover` and are no longer written are removed.
 */
export function writeBundle(root, outDir, result, buildFiles, { entryNames = [], leftover = /\.mjs$/ } = {}) {
  mkdirSync(outDir, { recursive: true });
  writeBundleInputs(root, outDir, result.metafile, buildFiles);
  const entries = new Set(entryNames);
  const isEntry = (file) => Number(entries.has(path.basename(file.path)));
  for (const output of [...result.outputFiles].sort((a, b) => isEntry(a) - isEntry(b))) {
    const partial = `${output.path}.${process.pid}.partial`;
    writeFileSync(partial, output.contents);
    renameSync(partial, output.path);
  }
  const current = new Set(result.outputFiles.map((output) => path.basename(output.path)));
  for (const name of readdirSync(outDir)) {
    if (leftover.test(name) && !current.has(name)) rmSync(path.join(outDir, name), { force: true });
  }
}
