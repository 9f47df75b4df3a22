#!/usr/bin/env node
// `npm run test:packaging`: runs the librarian's command, `npm run dist` (scripts/dist.mjs),
// on a small real folder (two gobiernofacil posts from ../shared/corpus and the site's
// _config.yml, copied to a temp folder) with `--dir` and a STUB Electron distribution (so
// nothing is downloaded; this machine cannot reach Electron's download host), and checks
// what would ship:
//   - a missing folder and a folder with nothing importable stop with exit 1 and a sentence
//     naming the folder, before electron-builder runs;
//   - app.asar holds the main, worker, preload and renderer bundles and package.json,
//     and no tests, source maps or TypeScript sources;
//   - resources/corpus/corpus.sqlite holds THAT folder's documents, with --name/--version,
//     opened as the app opens it (openArchive);
//   - better-sqlite3's native .node is in app.asar.unpacked (a .node cannot load from an archive),
//     and the project's own Node build of it is left as it was;
//   - the afterPack hook ran and skipped the fuses with its reason (the binary is a stub);
//   - build/corpus/corpus.sqlite (npm start's database) is not touched;
//   - SHA256SUMS.txt is in the format `sha256sum -c` checks.
// Exits non-zero with every failed check listed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeChecksums } from '../../scripts/checksums.mjs';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const YAML = require('yaml');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(root, '../shared/corpus/gobiernofacil');
const keep = process.argv.includes('--keep');
const CORPUS_NAME = 'Archivo de prueba';
const CORPUS_VERSION = '2026.1';
const POSTS = [
  '2017-05-24-sociedad-civil-sale-de-alianza-para-el-gobierno-abierto.md',
  '2017-04-11-fotomultas-en-puebla.md',
];

function step(message) {
  console.log(`\n== ${message}`);
}

const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) failures.push(message);
};

const hashOf = (file) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing');

/** `node scripts/build-test-ui.mjs <args>`: its one line of output. */
function testUiStep(args) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-test-ui.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build-test-ui ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout.trim();
}

/** `node scripts/dist.mjs <args>`: the same script `npm run dist` runs. */
function dist(args) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'dist.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: '1' },
  });
  return { status: result.status, log: `${result.stdout ?? ''}\n${result.stderr ?? ''}`, stderr: result.stderr ?? '' };
}

const work = mkdtempSync(path.join(os.tmpdir(), 'archivo-pack-'));
const output = path.join(work, 'release');

// 1. A stub Electron distribution: electron-builder copies the folder as the app's base
//    and renames `electron` to the executable name; it needs nothing else for --dir.
const stub = path.join(work, 'electron-stub');
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
// Overrides: the stub, no native rebuild (it would fetch Electron headers), a private output folder.
const builderOverrides = [
  '--dir',
  '--linux',
  '--x64',
  `-c.electronDist=${stub}`,
  `-c.electronVersion=${electronVersion}`,
  '-c.npmRebuild=false',
  '-c.nodeGypRebuild=false',
  `-c.directories.output=${output}`,
];

// 2. Bad folders stop before packaging, with a sentence naming the folder.
step('npm run dist on bad folders');
const missing = path.join(work, 'no-such-folder');
const missingRun = dist(['--corpus', missing, ...builderOverrides]);
check(missingRun.status === 1, `a missing folder exits 1 (got ${missingRun.status})`);
check(
  missingRun.stderr.includes(`the corpus folder ${missing} does not exist`),
  'a missing folder is named in the message',
);
const junk = path.join(work, 'junk');
mkdirSync(junk);
writeFileSync(path.join(junk, 'empty.md'), '');
writeFileSync(path.join(junk, 'noise.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 197 + 13) % 256)));
const junkRun = dist(['--corpus', junk, ...builderOverrides]);
check(junkRun.status === 1, `a folder with nothing importable exits 1 (got ${junkRun.status})`);
check(
  junkRun.stderr.includes(`nothing in ${junk} could be imported`),
  'a folder with nothing importable is named in the message',
);
check(/empty\.md/.test(junkRun.log), 'the corpus warnings (file names) are printed');
check(
  !existsSync(output) && !/electron-builder\s+version=/.test(missingRun.log + junkRun.log),
  'electron-builder never ran for the bad folders',
);

// A publisher key (the CLI's cheap test cost) to pin in the installer and sign with.
const passphraseFile = path.join(work, 'frase.txt');
writeFileSync(passphraseFile, 'frase de paso de empaquetado\n');
const publisherKey = path.join(work, 'editorial.key');
const publisherPub = path.join(work, 'editorial.pub');
// The command line's bundle, as the other tests run it (rebuilt first when older than its sources):
// one plain Node start per call instead of a tsx compile.
const bundles = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-test-bundles.mjs')], {
  cwd: root,
  encoding: 'utf8',
});
if (bundles.status !== 0) {
  console.error(`building the test bundles failed:\n${bundles.stdout}\n${bundles.stderr}`);
  process.exit(1);
}
const corpusCli = (args) =>
  spawnSync(process.execPath, [path.join(root, 'dist', 'cli', 'corpus.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
const keyMade = corpusCli([
  'key',
  'new',
  '--key',
  publisherKey,
  '--name',
  'Editorial de prueba',
  '--passphrase-file',
  passphraseFile,
  '--kdf-cost',
  'interactive',
]);
check(keyMade.status === 0, `corpus key new made a publisher key (${keyMade.stderr.trim() || 'ok'})`);

// 3. The real command on a small real folder.
const corpus = path.join(work, 'corpus');
mkdirSync(path.join(corpus, '_posts'), { recursive: true });
copyFileSync(path.join(shared, '_config.yml'), path.join(corpus, '_config.yml'));
for (const post of POSTS) copyFileSync(path.join(shared, '_posts', post), path.join(corpus, '_posts', post));
const expectedTitles = POSTS.map((post) => {
  const text = readFileSync(path.join(shared, '_posts', post), 'utf8');
  // The importer folds runs of whitespace (one title has a no-break space) into one space.
  return String(YAML.parse(text.split(/^---\s*$/m)[1] ?? '').title)
    .replace(/\s+/g, ' ')
    .trim();
}).sort();

const devCorpus = path.join(root, 'build', 'corpus', 'corpus.sqlite');
const devCorpusBefore = hashOf(devCorpus);
const nativeInProject = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const nativeBefore = hashOf(nativeInProject);

step(
  `npm run dist -- --corpus ${corpus} --name "${CORPUS_NAME}" --version ${CORPUS_VERSION} ${builderOverrides.join(' ')}`,
);
// The UI's inputs before dist builds it: afterwards the tests' UI step adopts that build (scripts/build-test-ui.mjs).
const uiKey = testUiStep(['--print-key']);
const started = Date.now();
const run = dist([
  '--corpus',
  corpus,
  '--name',
  CORPUS_NAME,
  '--version',
  CORPUS_VERSION,
  '--publisher-key',
  publisherPub,
  '--unknown-keys',
  'refuse',
  ...builderOverrides,
]);
const log = run.log;
process.stdout.write(
  log
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `   ${line}`)
    .join('\n') + '\n',
);
console.log(`   (${Math.round((Date.now() - started) / 1000)} s)`);
if (run.status !== 0) {
  console.error(`npm run dist failed with exit code ${run.status}`);
  process.exit(1);
}
console.log(`   ${testUiStep(['--adopt', uiKey])}`);

// 4. Checks.
step('checking the unpacked app');

const appDir = path.join(output, 'linux-unpacked');
const resources = path.join(appDir, 'resources');
const archive = path.join(resources, 'app.asar');
check(existsSync(archive), `app.asar exists (${archive})`);
check(existsSync(path.join(appDir, 'archivo-sin-conexion')), 'the executable is renamed to archivo-sin-conexion');

const entries = existsSync(archive)
  ? asar.listPackage(archive, { isPack: false }).map((entry) => entry.split(path.sep).join('/'))
  : [];
for (const required of [
  '/package.json',
  '/dist/main/main.cjs',
  '/dist/main/archive-worker.cjs',
  '/dist/main/archive-worker-bundle.cjs',
  '/dist/preload/preload.cjs',
  '/dist/renderer/index.html',
  '/node_modules/better-sqlite3/lib/index.js',
  '/node_modules/bindings/bindings.js',
]) {
  check(entries.includes(required), `app.asar contains ${required}`);
}
check(
  entries.some((entry) => /^\/dist\/renderer\/assets\/.+\.js$/.test(entry)),
  'app.asar contains the renderer script bundle',
);

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
forbidden("browser mode's bundle (dist/serve: npm run serve, not the desktop app)", (entry) =>
  entry.startsWith('/dist/serve/'),
);
forbidden(
  'better-sqlite3 C sources',
  (entry) =>
    entry.startsWith('/node_modules/better-sqlite3/deps/') || entry.startsWith('/node_modules/better-sqlite3/src/'),
);

const manifest = existsSync(archive) ? JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) : {};
check(
  manifest.main === 'dist/main/main.cjs',
  `package.json in app.asar points main at dist/main/main.cjs (got ${manifest.main})`,
);

const packagedCorpus = path.join(resources, 'corpus', 'corpus.sqlite');
check(
  existsSync(packagedCorpus) && statSync(packagedCorpus).size > 0,
  `resources/corpus/corpus.sqlite exists (${existsSync(packagedCorpus) ? statSync(packagedCorpus).size : 0} bytes)`,
);
const sqliteHeader = existsSync(packagedCorpus) ? readFileSync(packagedCorpus).subarray(0, 16).toString('latin1') : '';
check(sqliteHeader === 'SQLite format 3\u0000', 'the bundled corpus is an SQLite database');

const nativeModule = path.join(
  resources,
  'app.asar.unpacked',
  'node_modules',
  'better-sqlite3',
  'build',
  'Release',
  'better_sqlite3.node',
);
check(existsSync(nativeModule), 'better_sqlite3.node is in app.asar.unpacked');
check(
  !files.includes('/node_modules/better-sqlite3/build/Release/test_extension.node'),
  'the test extension is not shipped',
);
// The encrypted notes (issue 17) open through the cipher fork: its own native build must land
// unpacked too, or an encrypted user database could not be opened by the installed app.
const cipherModule = path.join(
  resources,
  'app.asar.unpacked',
  'node_modules',
  'better-sqlite3-multiple-ciphers',
  'build',
  'Release',
  'better_sqlite3.node',
);
check(existsSync(cipherModule), 'better-sqlite3-multiple-ciphers native module is in app.asar.unpacked');
check(
  !files.includes('/node_modules/better-sqlite3-multiple-ciphers/build/Release/test_extension.node') &&
    !files.some((entry) => entry.startsWith('/node_modules/better-sqlite3-multiple-ciphers/src/')),
  "the cipher fork's test extension and C sources are not shipped",
);
check(!existsSync(path.join(resources, 'app-update.yml')), 'no auto-update configuration (app-update.yml) is shipped');
check(
  /skipping Electron fuses: the packed "electron" at .* is a \d+-byte stub/.test(log),
  'afterPack skipped the fuses and printed why',
);

// The packaged corpus is the folder given to dist, as the app opens it.
// Bundled with esbuild and started with plain Node (its native modules from the project), not compiled by tsx.
const inspector = path.join(work, 'inspect-corpus.cjs');
const { build } = await import('esbuild');
await build({
  entryPoints: [path.join(root, 'tests', 'packaging', 'inspect-corpus.ts')],
  outfile: inspector,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers'],
  logLevel: 'warning',
});
const inspected = spawnSync(process.execPath, [inspector, packagedCorpus], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
});
let packaged = null;
try {
  packaged = JSON.parse(inspected.stdout);
} catch {
  console.error(inspected.stderr);
}
check(
  packaged?.info?.name === CORPUS_NAME,
  `the packaged corpus is named "${CORPUS_NAME}" (got ${JSON.stringify(packaged?.info?.name)})`,
);
check(
  packaged?.info?.version === CORPUS_VERSION,
  `the packaged corpus has version ${CORPUS_VERSION} (got ${JSON.stringify(packaged?.info?.version)})`,
);
check(
  packaged?.info?.documentCount === POSTS.length && packaged?.total === POSTS.length,
  `the packaged corpus holds the folder's ${POSTS.length} documents (got ${packaged?.info?.documentCount}, search lists ${packaged?.total})`,
);
check(
  JSON.stringify(packaged?.titles) === JSON.stringify(expectedTitles),
  `its documents are the folder's posts: ${expectedTitles.join(' | ')}`,
);
// --publisher-key: the pinned key and the policy travel beside the corpus, where the app reads them.
const packagedPublishers = path.join(resources, 'corpus', 'publishers.json');
let publishers = null;
try {
  publishers = JSON.parse(readFileSync(packagedPublishers, 'utf8'));
} catch (error) {
  console.error(error.message);
}
check(
  publishers?.publishers?.[0]?.name === 'Editorial de prueba' &&
    publishers.publishers[0].publicKey === readFileSync(publisherPub, 'utf8').split('\n')[1] &&
    publishers.unknownKeys === 'refuse' &&
    publishers.unsignedPacks === 'confirm',
  `resources/corpus/publishers.json pins the --publisher-key with the policy (${JSON.stringify(publishers)})`,
);
check(/fotomultas_v1\.png/.test(log), "the build's warnings are printed (the post's missing image fotomultas_v1.png)");
check(log.includes(`Unpacked app: ${path.join(output, 'linux-unpacked')}`), 'dist prints where the unpacked app is');

const effective = JSON.parse(readFileSync(path.join(root, 'build', 'dist', 'electron-builder.json'), 'utf8'));
check(
  effective.artifactName === `Archivo-de-prueba-${CORPUS_VERSION}-\${os}-\${arch}.\${ext}`,
  `installer file names carry --name and --version (${effective.artifactName})`,
);
check(effective.publish === null, 'publish: null (no update server contacted)');
check(
  effective.npmRebuild === true && effective.buildDependenciesFromSource === false,
  'real packaging rebuilds better-sqlite3 for Electron (npmRebuild on, prebuilt binaries preferred)',
);
check(
  effective.fileAssociations?.some((association) => association.ext === 'archive' && association.mimeType),
  '.archive packs are associated with the app (with a MIME type, which Linux needs)',
);
check(
  new Set([effective.artifactName, effective.nsis?.artifactName, effective.portable?.artifactName]).size === 3,
  'the nsis installer and the portable .exe get different file names',
);
check(hashOf(devCorpus) === devCorpusBefore, "build/corpus/corpus.sqlite (npm start's database) is untouched");
check(
  hashOf(nativeInProject) === nativeBefore,
  "the project's Node build of better_sqlite3.node is unchanged after packaging",
);

// SHA256SUMS.txt as dist writes it next to installers, checked by the tool the README names.
step('SHA256SUMS.txt format');
const sums = path.join(work, 'sums');
mkdirSync(sums);
writeFileSync(path.join(sums, 'Archivo-1.0-linux-x86_64.AppImage'), 'not really an AppImage');
copyFileSync(packagedCorpus, path.join(sums, 'corpus.sqlite'));
await writeChecksums(sums, ['Archivo-1.0-linux-x86_64.AppImage', 'corpus.sqlite']);
const sha256sum = spawnSync('sha256sum', ['-c', 'SHA256SUMS.txt'], { cwd: sums, encoding: 'utf8' });
if (sha256sum.error) console.log(`skipped: sha256sum is not available here (${sha256sum.error.message})`);
else {
  check(sha256sum.status === 0 && /corpus\.sqlite: OK/.test(sha256sum.stdout), 'sha256sum -c accepts SHA256SUMS.txt');
  writeFileSync(path.join(sums, 'corpus.sqlite'), 'altered');
  const altered = spawnSync('sha256sum', ['-c', 'SHA256SUMS.txt'], { cwd: sums, encoding: 'utf8' });
  check(altered.status !== 0 && /corpus\.sqlite: FAILED/.test(altered.stdout), 'sha256sum -c reports an altered file');
}
// --sign-key signs SHA256SUMS.txt with the same command dist runs; the stock tool checks it.
const signedSums = corpusCli([
  'sign',
  path.join(sums, 'SHA256SUMS.txt'),
  '--key',
  publisherKey,
  '--passphrase-file',
  passphraseFile,
]);
check(signedSums.status === 0, 'corpus sign wrote SHA256SUMS.txt.minisig');
const minisign = spawnSync('minisign', ['-Vm', path.join(sums, 'SHA256SUMS.txt'), '-p', publisherPub], {
  encoding: 'utf8',
});
if (minisign.error) console.log(`skipped: minisign is not available here (${minisign.error.message})`);
else check(minisign.status === 0, `minisign -Vm accepts the signed SHA256SUMS.txt (${minisign.stdout.trim()})`);

if (keep) console.log(`\nkept ${work}`);
else rmSync(work, { recursive: true, force: true });

if (failures.length > 0) {
  console.error(`\n${failures.length} packaging check(s) failed.`);
  process.exit(1);
}
console.log(`\nAll packaging checks passed (${files.length} files in app.asar).`);
