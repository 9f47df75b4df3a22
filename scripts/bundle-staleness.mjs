// When an esbuild bundle (browser mode's, the command line's) must be rebuilt: one of its
// outputs is missing, or one of the project files it was built from is newer than the oldest
// output (or gone). The build records those files (esbuild's metafile inputs, plus the build
// scripts, package.json and package-lock.json) in a list beside the bundle, so a start stats
// exactly them — about 200 files — instead of walking every source folder. A file added to the
// project reaches a bundle only through an import in a file that is already listed, whose edit
// makes it newer, so the list cannot miss it. Installed packages are not listed: they change
// only on install, which rewrites package-lock.json (listed).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where a bundle folder keeps the list of the project files it was built from. */
export function inputsFile(outDir) {
  return path.join(outDir, 'inputs.json');
}

/** Records the project's own files among an esbuild metafile's inputs (relative to `root`). */
export function writeBundleInputs(root, outDir, metafile, extraFiles) {
  const own = Object.keys(metafile.inputs).filter((file) => !file.includes('node_modules/') && !file.includes(':'));
  const files = [...new Set([...own, ...extraFiles])].sort();
  writeFileSync(inputsFile(outDir), `${JSON.stringify({ files }, null, 1)}\n`);
}

function recordedInputs(outDir) {
  try {
    const parsed = JSON.parse(readFileSync(inputsFile(outDir), 'utf8'));
    return Array.isArray(parsed?.files) && parsed.files.every((file) => typeof file === 'string') ? parsed.files : null;
  } catch {
    return null;
  }
}

/** `outputs`: absolute paths of the bundle's files, all in `outDir`. */
export function bundleStale(root, outDir, outputs) {
  if (!outputs.every((file) => existsSync(file))) return true;
  const files = recordedInputs(outDir);
  if (files === null) return true;
  const builtAt = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  return files.some((file) => {
    const stat = statSync(path.join(root, file), { throwIfNoEntry: false });
    return stat === undefined || stat.mtimeMs > builtAt;
  });
}
