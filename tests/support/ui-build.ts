import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './bundles';

/** The built UI the tests' servers serve (browser mode's default --static folder). */
export const uiDir = path.join(repoRoot, 'dist/renderer');

/**
 * Builds dist/renderer unless the tests' last build is still there and its inputs are unchanged
 * (scripts/build-test-ui.mjs); returns the line saying which.
 */
export function ensureFreshUi(): string {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/build-test-ui.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) {
    throw new Error(`Building the UI failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout.trim();
}
