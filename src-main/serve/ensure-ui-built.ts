import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';

/** Newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/**
 * Builds the UI with Vite when `dist/renderer` is missing or older than its sources,
 * so `npm run serve` works on a fresh checkout and never serves a stale UI.
 *
 * Vite runs as its own process (its command line), not imported: Vite is an ES module only,
 * and the server's CommonJS bundle (run with a code cache, see scripts/code-cache.mjs) has no
 * `import()` for packages outside it on Node 20. A build takes seconds; the process start is noise.
 */
export function ensureUiBuilt(repoRoot: string, staticDir: string, log: (line: string) => void): void {
  const index = path.join(staticDir, 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sourcesAt = Math.max(
    newestMtime(path.join(repoRoot, 'src-renderer')),
    statSync(path.join(repoRoot, 'vite.config.ts')).mtimeMs,
  );
  if (builtAt > 0 && builtAt >= sourcesAt) return;
  log(builtAt === 0 ? 'Building the UI (first run)…' : 'Rebuilding the UI (sources changed)…');
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const configFile = path.join(repoRoot, 'vite.config.ts');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', configFile, '--configLoader', 'runner', '--logLevel', 'warn'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
  if (result.error) throw new Error(`The UI could not be built (${vite}): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`The UI build failed (vite exited with ${String(result.status)}).`);
}
