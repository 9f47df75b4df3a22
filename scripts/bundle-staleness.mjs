// When an esbuild bundle (browser mode's, the command line's) must be rebuilt: one of its
// outputs is missing, or a source of this project is newer than the oldest output. Packages
// change only on install, so only the project's own folders and files are looked at.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** `outputs`: absolute paths; `sources`: folders and files relative to `root`. */
export function bundleStale(root, outputs, sources) {
  if (!outputs.every((file) => existsSync(file))) return true;
  const builtAt = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  return sources.some((item) => newestMtime(path.join(root, item)) > builtAt);
}
