import { createHash } from 'node:crypto';
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

/**
 * `bench/build-probe.ts` bundled as `corpus build` is (scripts/build-cli.mjs): the probe, and the
 * render worker beside it, where render-pool.ts looks for `render-worker.mjs`, with the chunks they
 * share. A build run through tsx pays an export getter on every call into another module and a
 * loader thread per thread (a tenth of the document analysis in a CPU profile, about 1 s of CPU
 * per 2,000 posts), which neither a librarian's `npm run corpus` nor the desktop app pays; so the
 * bench's build figures are taken from this bundle. Returns the probe's path.
 *
 * One folder per checkout: a second checkout that links this node_modules (to compare two
 * versions) must not overwrite the bundle a running probe still loads chunks from.
 */
export function bundledBuildProbe(projectRoot: string): string {
  return bundledWithRenderWorker(projectRoot, 'build-probe');
}

/**
 * `bench/<probe>.ts` bundled with the render worker beside it, as `bundledBuildProbe` (e.g. the
 * finish probe, whose import renders in that worker as a build does). Returns the probe's path.
 */
export function bundledWithRenderWorker(projectRoot: string, probe: string): string {
  const key = `\0${probe}`;
  const known = bundles.get(key);
  if (known !== undefined) return known;
  const checkout = createHash('sha256').update(projectRoot).digest('hex').slice(0, 8);
  const folder = probe === 'build-probe' ? 'build' : probe;
  const outDir = path.join(projectRoot, 'node_modules', '.cache', `archivo-bench-${folder}-${checkout}`);
  mkdirSync(outDir, { recursive: true });
  buildSync({
    ...NODE_ESM_OPTIONS,
    entryPoints: {
      [probe]: path.join(projectRoot, 'bench', `${probe}.ts`),
      'render-worker': path.join(projectRoot, 'src-main', 'core', 'import', 'render-worker.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: '[name]-[hash]',
    absWorkingDir: projectRoot,
    external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers'],
  });
  const bundle = path.join(outDir, `${probe}.mjs`);
  bundles.set(key, bundle);
  return bundle;
}
