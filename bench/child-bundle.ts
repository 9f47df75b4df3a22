import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { NODE_ESM_OPTIONS } from '../scripts/node-bundle-options.mjs';

/**
 * Bundles a bench child script with esbuild, so the searches it times run as the app's own
 * search processes do: the command line, browser mode and its search threads all start from
 * esbuild bundles (scripts/build-cli.mjs, build-serve.mjs), never through tsx. Under tsx a child
 * also carries TypeScript's on-the-fly compiler and its module hooks, about 35 MB of resident
 * memory and some CPU per first call that no user's process has, which made "search RSS" a
 * figure of the bench rather than of the app. Every engine's search child is bundled alike, so
 * the ratios stay fair.
 *
 * Built once per bench run under node_modules/.cache, so the native modules it leaves external
 * resolve from the project's node_modules as in the app's bundles.
 */
const bundles = new Map<string, string>();

export function bundledChild(scriptPath: string, projectRoot: string): string {
  const known = bundles.get(scriptPath);
  if (known !== undefined) return known;
  const outDir = path.join(projectRoot, 'node_modules', '.cache', 'archivo-bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${path.basename(scriptPath, '.ts')}.mjs`);
  buildSync({
    entryPoints: [scriptPath],
    ...NODE_ESM_OPTIONS,
    outfile,
    absWorkingDir: projectRoot,
    // Resolved from the project's node_modules at run time, as in the app's own bundles.
    external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers'],
  });
  bundles.set(scriptPath, outfile);
  return outfile;
}
