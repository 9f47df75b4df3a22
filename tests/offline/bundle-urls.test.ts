import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshUi, uiDir } from '../support/ui-build';
import { findUrls, isAllowedUrl, type UrlAllowEntry } from './bundle-urls';

/**
 * No telemetry, crash upload, update check or CDN/font fetch can hide in what ships: every
 * http(s) URL in the built bundles must be on the reviewed allow-list (namespace URIs,
 * identifiers, texts of developer messages). The renderer is the tests' one build of
 * dist/renderer, rebuilt when its inputs changed (../support/ui-build.ts); the Electron bundles
 * are rebuilt when dist/main is missing or older than the sources.
 */
const repoRoot = path.resolve(__dirname, '../..');
const allowList = (
  JSON.parse(readFileSync(path.join(__dirname, 'url-allowlist.json'), 'utf8')) as { entries: UrlAllowEntry[] }
).entries;
const rendererDir = uiDir;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function run(command: string, args: string[]): void {
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build: not what ships.
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync(command, args, { cwd: repoRoot, env, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

beforeAll(() => {
  console.log(ensureFreshUi());
  const mainBundle = path.join(repoRoot, 'dist/main/main.cjs');
  const preloadBundle = path.join(repoRoot, 'dist/preload/preload.cjs');
  const builtAt =
    existsSync(mainBundle) && existsSync(preloadBundle)
      ? Math.min(statSync(mainBundle).mtimeMs, statSync(preloadBundle).mtimeMs)
      : 0;
  if (builtAt < newestMtime(path.join(repoRoot, 'src-main'))) run('node', ['scripts/build-electron.mjs']);
  // Browser mode runs as its own bundle: the laptop serving phones must not call out either.
  const serveBundle = path.join(repoRoot, 'dist/serve/serve.mjs');
  if (!existsSync(serveBundle) || statSync(serveBundle).mtimeMs < newestMtime(path.join(repoRoot, 'src-main')))
    run('node', ['scripts/build-serve.mjs']);
});

describe('URLs in the built bundles', () => {
  it('every allow-list entry says why it is safe', () => {
    for (const entry of allowList) expect(entry.reason.length, entry.url).toBeGreaterThan(20);
  });

  it('would catch a telemetry call or a web font in a bundle', () => {
    const sample =
      'fetch(`https://telemetry.example.org/v1?e=`+id);\n@font-face{src:url(https://fonts.gstatic.com/s/x.woff2)}';
    const hits = findUrls(sample);
    expect(hits.map((hit) => [hit.url, hit.line])).toEqual([
      ['https://telemetry.example.org/v1?e=', 1],
      ['https://fonts.gstatic.com/s/x.woff2', 2],
    ]);
    expect(hits.filter((hit) => !isAllowedUrl(hit.url, allowList))).toHaveLength(2);
  });

  it('contain no URL the code could request, beyond the reviewed allow-list', () => {
    const bundles = [
      ...filesUnder(rendererDir).map((file) => ({
        file,
        shown: path.join('dist/renderer', path.relative(rendererDir, file)),
      })),
      ...['dist/main', 'dist/preload', 'dist/serve'].flatMap((dir) =>
        filesUnder(path.join(repoRoot, dir)).map((file) => ({ file, shown: path.relative(repoRoot, file) })),
      ),
    ].filter(({ file }) => /\.(c?js|mjs|html|css|svg|json)$/.test(file));
    // The three bundles and the renderer's entry must be there, or the scan proves nothing.
    expect(bundles.map((b) => b.shown)).toEqual(
      expect.arrayContaining([
        'dist/renderer/index.html',
        'dist/main/main.cjs',
        'dist/main/archive-worker.cjs',
        'dist/preload/preload.cjs',
        'dist/serve/serve.mjs',
      ]),
    );
    const found = bundles.flatMap(({ file, shown }) =>
      findUrls(readFileSync(file, 'utf8')).map((hit) => ({ ...hit, file: shown })),
    );
    const unexpected = found.filter((hit) => !isAllowedUrl(hit.url, allowList));
    const distinct = new Set(found.map((hit) => hit.url));
    console.log(
      `bundle-urls: ${bundles.length} files, ${found.length} URL occurrences (${distinct.size} distinct), ${found.length - unexpected.length} allow-listed, ${unexpected.length} not`,
    );
    expect(unexpected.map((hit) => `${hit.file}:${hit.line}: ${hit.url}\n    …${hit.context}…`)).toEqual([]);
    // Guards against a regex that finds nothing: React DOM always carries the SVG namespace.
    expect(distinct.has('http://www.w3.org/2000/svg')).toBe(true);
  });
});

describe("citation-js's HTTP clients in the renderer", () => {
  it("are the stand-ins that refuse, not sync-fetch's synchronous XMLHttpRequest client", () => {
    // sync-fetch's browser build keeps its request state under Symbol('SyncFetch Internals'):
    // present in every renderer built before src-renderer/no-network replaced it.
    const withClient = filesUnder(rendererDir).filter(
      (file) => file.endsWith('.js') && readFileSync(file, 'utf8').includes('SyncFetch'),
    );
    expect(withClient.map((file) => path.relative(rendererDir, file))).toEqual([]);
  });
});
