import path from 'node:path';
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
 */
export async function ensureUiBuilt(repoRoot: string, staticDir: string, log: (line: string) => void): Promise<void> {
  const index = path.join(staticDir, 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sourcesAt = Math.max(
    newestMtime(path.join(repoRoot, 'src-renderer')),
    statSync(path.join(repoRoot, 'vite.config.ts')).mtimeMs,
  );
  if (builtAt > 0 && builtAt >= sourcesAt) return;
  log(builtAt === 0 ? 'Building the UI (first run)…' : 'Rebuilding the UI (sources changed)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
}
