#!/usr/bin/env node
// `npm run test:packaging`: packs the app with `electron-builder --dir` against a STUB
// Electron distribution (so nothing is downloaded; this machine cannot reach Electron's
// download host) and checks what would ship:
//   - app.asar holds the main, worker, preload and renderer bundles and package.json,
//     and no tests, source maps or TypeScript sources;
//   - resources/corpus/corpus.sqlite is there (extraResources);
//   - better-sqlite3's native .node is in app.asar.unpacked (a .node cannot load from an archive);
//   - the afterPack hook ran and skipped the fuses with its reason (the binary is a stub).
// Exits non-zero with every failed check listed.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const keep = process.argv.includes('--keep');

function step(message) {
  console.log(`\n== ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
  }
  return result;
}

// 1. The inputs electron-builder packs: always rebuild the shell (cheap); build the UI
//    and the corpus only when missing (their own scripts decide staleness elsewhere).
step('building what the package needs');
run(npm, ['run', '--silent', 'build:electron'], { stdio: 'inherit' });
if (!existsSync(path.join(root, 'dist/renderer/index.html'))) run(npm, ['run', '--silent', 'build:ui'], { stdio: 'inherit' });
if (!existsSync(path.join(root, 'build/corpus/corpus.sqlite'))) run(npm, ['run', '--silent', 'build:corpus'], { stdio: 'inherit' });

// 2. A stub Electron distribution: electron-builder copies the folder as the app's base
//    and renames `electron` to the executable name; it needs nothing else for --dir.
const work = mkdtempSync(path.join(os.tmpdir(), 'archivo-pack-'));
const stub = path.join(work, 'electron-stub');
const output = path.join(work, 'release');
mkdirSync(path.join(stub, 'resources'), { recursive: true });
mkdirSync(path.join(stub, 'locales'), { recursive: true });
writeFileSync(
  path.join(stub, 'electron'),
  '#!/bin/sh\n# ARCHIVO-STUB-ELECTRON: placeholder for packaging tests, not an Electron binary.\necho "stub electron" >&2\nexit 1\n',
);
chmodSync(path.join(stub, 'electron'), 0o755);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
writeFileSync(path.join(stub, 'version'), electronVersion);
writeFileSync(path.join(stub, 'LICENSE'), 'placeholder\n');

// 3. Pack. Overrides: the stub, no native rebuild (it would fetch Electron headers), a
//    private output folder. ELECTRON_BUILDER_OFFLINE-style safety: no publish, no cache fetch.
step(`electron-builder --dir (stub Electron ${electronVersion} in ${stub})`);
const builder = run(
  process.execPath,
  [
    require.resolve('electron-builder/cli.js'),
    '--config',
    'electron-builder.yml',
    '--dir',
    '--linux',
    '--x64',
    '--publish',
    'never',
    `-c.electronDist=${stub}`,
    `-c.electronVersion=${electronVersion}`,
    '-c.npmRebuild=false',
    '-c.nodeGypRebuild=false',
    `-c.directories.output=${output}`,
  ],
  { env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: '1' } },
);
const log = `${builder.stdout}\n${builder.stderr}`;
process.stdout.write(log.split('\n').filter((line) => line.trim() !== '').map((line) => `   ${line}`).join('\n') + '\n');

// 4. Checks.
step('checking the unpacked app');
const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) failures.push(message);
};

const appDir = path.join(output, 'linux-unpacked');
const resources = path.join(appDir, 'resources');
const archive = path.join(resources, 'app.asar');
check(existsSync(archive), `app.asar exists (${archive})`);
check(existsSync(path.join(appDir, 'archivo-sin-conexion')), 'the executable is renamed to archivo-sin-conexion');

const entries = existsSync(archive) ? asar.listPackage(archive, { isPack: false }).map((entry) => entry.split(path.sep).join('/')) : [];
for (const required of [
  '/package.json',
  '/dist/main/main.cjs',
  '/dist/main/archive-worker.cjs',
  '/dist/preload/preload.cjs',
  '/dist/renderer/index.html',
  '/node_modules/better-sqlite3/lib/index.js',
  '/node_modules/bindings/bindings.js',
]) {
  check(entries.includes(required), `app.asar contains ${required}`);
}
check(entries.some((entry) => /^\/dist\/renderer\/assets\/.+\.js$/.test(entry)), 'app.asar contains the renderer script bundle');

const files = entries.filter((entry) => {
  try {
    return !asar.statFile(archive, entry.slice(1)).files;
  } catch {
    return false;
  }
});
const forbidden = (label, predicate) => {
  const found = files.filter(predicate);
  check(found.length === 0, `no ${label} in app.asar${found.length ? `: ${found.slice(0, 5).join(', ')}` : ''}`);
};
forbidden('source maps', (entry) => entry.endsWith('.map'));
forbidden('TypeScript files', (entry) => /\.(c|m)?tsx?$/.test(entry));
forbidden('tests', (entry) => /\/(tests?|__tests__)\//.test(entry) || /(\/test|\.test|\.spec)\.[cm]?js$/.test(entry));
forbidden('project sources', (entry) => entry.startsWith('/src-main/') || entry.startsWith('/src-renderer/'));
forbidden('better-sqlite3 C sources', (entry) => entry.startsWith('/node_modules/better-sqlite3/deps/') || entry.startsWith('/node_modules/better-sqlite3/src/'));

const manifest = existsSync(archive) ? JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) : {};
check(manifest.main === 'dist/main/main.cjs', `package.json in app.asar points main at dist/main/main.cjs (got ${manifest.main})`);

const corpus = path.join(resources, 'corpus', 'corpus.sqlite');
check(existsSync(corpus) && statSync(corpus).size > 0, `resources/corpus/corpus.sqlite exists (${existsSync(corpus) ? statSync(corpus).size : 0} bytes)`);
const sqliteHeader = existsSync(corpus) ? readFileSync(corpus).subarray(0, 16).toString('latin1') : '';
check(sqliteHeader === 'SQLite format 3\u0000', 'the bundled corpus is an SQLite database');

const nativeModule = path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
check(existsSync(nativeModule), 'better_sqlite3.node is in app.asar.unpacked');
check(!files.includes('/node_modules/better-sqlite3/build/Release/test_extension.node'), 'the test extension is not shipped');
check(!existsSync(path.join(resources, 'app-update.yml')), 'no auto-update configuration (app-update.yml) is shipped');
check(/skipping Electron fuses: the packed "electron" at .* is a \d+-byte stub/.test(log), 'afterPack skipped the fuses and printed why');

if (keep) console.log(`\nkept ${work}`);
else rmSync(work, { recursive: true, force: true });

if (failures.length > 0) {
  console.error(`\n${failures.length} packaging check(s) failed.`);
  process.exit(1);
}
console.log(`\nAll packaging checks passed (${files.length} files in app.asar).`);
