import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from './bundles';

/**
 * The built UI (dist/renderer) the end-to-end servers and the offline proof serve, built once
 * for as long as its inputs stay the same. Before, the Playwright set-up, the offline proof and
 * the bundle URL scan each ran `vite build` (about 15 s each on a quiet 2-core machine).
 *
 * A build is named by a hash of the bytes of everything Vite reads from the project: the
 * renderer, the `common` layer it imports, the browser-mode modules vite.config.ts loads as
 * plugins, the config itself and the package files. The hash and the built index.html's mtime
 * are kept in node_modules/.cache/archive-tests/ui-build.json: a build of dist/renderer by
 * anything else (`npm run build:ui`, `npm run dist`) changes that mtime and so is not trusted.
 */
export const uiDir = path.join(repoRoot, 'dist/renderer');
const stampFile = path.join(repoRoot, 'node_modules/.cache/archive-tests/ui-build.json');
const INPUT_FOLDERS = ['src-renderer', 'src-main/common', 'src-main/serve'];
const INPUT_FILES = ['vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

const uiStampSchema = z.object({ key: z.string(), indexMtimeMs: z.number() });
type UiStamp = z.infer<typeof uiStampSchema>;

function hashFolder(hash: ReturnType<typeof createHash>, folder: string): void {
  for (const entry of readdirSync(path.join(repoRoot, folder), { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) hashFolder(hash, relative);
    else if (entry.isFile()) hashFile(hash, relative);
  }
}

function hashFile(hash: ReturnType<typeof createHash>, relative: string): void {
  hash.update(`\0${relative}\0`);
  hash.update(readFileSync(path.join(repoRoot, relative)));
}

/** The hash of every input of the UI build. */
export function uiInputsKey(): string {
  const hash = createHash('sha256');
  for (const folder of INPUT_FOLDERS) hashFolder(hash, folder);
  for (const file of INPUT_FILES) hashFile(hash, file);
  return hash.digest('hex').slice(0, 32);
}

function readStamp(): UiStamp | null {
  try {
    const parsed = uiStampSchema.safeParse(JSON.parse(readFileSync(stampFile, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const indexHtml = path.join(uiDir, 'index.html');

/** Builds dist/renderer unless the last build by this function is still there and its inputs are unchanged. */
export function ensureFreshUi(): string {
  const key = uiInputsKey();
  const stamp = readStamp();
  if (stamp?.key === key && existsSync(indexHtml) && statSync(indexHtml).mtimeMs === stamp.indexMtimeMs) {
    return `UI build is up to date (${key.slice(0, 8)})`;
  }
  const started = Date.now();
  // NODE_ENV=production: under Vitest (NODE_ENV=test) Vite would bundle React's development build, not what ships.
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 240_000,
    },
  );
  if (result.status !== 0) {
    throw new Error(`vite build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  mkdirSync(path.dirname(stampFile), { recursive: true });
  const written: UiStamp = { key, indexMtimeMs: statSync(indexHtml).mtimeMs };
  writeFileSync(stampFile, `${JSON.stringify(written)}\n`);
  return `UI built in ${Date.now() - started} ms (${key.slice(0, 8)})`;
}
