import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const repo = path.resolve(__dirname, '../../..');

/**
 * Bundles the archive worker as the app ships it (CommonJS, electron and better-sqlite3
 * external). The bundle must sit under the project so `require('better-sqlite3')`
 * resolves from node_modules; the caller removes `dir` when done.
 */
export async function bundleArchiveWorker(prefix: string): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(path.join(repo, 'node_modules', `.cache-${prefix}-`));
  const file = path.join(dir, 'archive-worker.cjs');
  await build({
    entryPoints: [path.join(repo, 'src-main/main/archive-worker.ts')],
    outfile: file,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers'],
    logLevel: 'error',
  });
  return { dir, file };
}
