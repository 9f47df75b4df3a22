#!/usr/bin/env node
// `npm run dist -- [--corpus <folder>] [--name "Archivo X"] [--version 2026.1] [electron-builder args]`
//
// Builds installers around a folder of documents, in this order so a bad folder fails
// in seconds, before anything slow:
//   1. the corpus database from the folder (the corpus CLI; its warnings are printed);
//   2. the renderer (Vite) and the Electron bundles (esbuild);
//   3. electron-builder with electron-builder.yml, the corpus as extraResource, artifact
//      names from --name/--version, the usual targets for this OS (or what the extra
//      arguments say: --dir, --linux AppImage, --win portable, -c.<key>=<value>...);
//   4. SHA256SUMS.txt beside the installers this run wrote, minisign-signed with --sign-key.
// --publisher-key PUB (repeatable) pins trusted pack publishers: their public keys and the
// policy for other packs (--unsigned-packs, --unknown-keys: confirm or refuse) go into
// corpus/publishers.json in the installer's resources, which the app reads at start.
// Without --corpus the bundled default corpus (resources/corpus) is packaged.
//
// --name is the corpus name (shown in About) and the installers' file names; --version is
// the corpus version (shown in About, and in the file names). The app's own version stays
// package.json's semver: the .deb and the Windows installer need a semver, and the app
// code is the same whatever corpus it carries.
//
// Everything runs through `node <script>` (no npm.cmd/shell), so the same code works on
// the Windows CI runner.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKSUMS_FILE, writeChecksums } from './checksums.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const YAML = require('yaml');

const DEFAULT_CORPUS = 'resources/corpus';
const DEFAULT_CORPUS_NAME = 'Archivo semilla';
// Written under build/dist so packaging never replaces build/corpus/corpus.sqlite, the
// database `npm start`, browser mode and the tests use.
const WORK = path.join(root, 'build', 'dist');
const CORPUS_OUT = path.join(WORK, 'corpus.sqlite');
// Beside the corpus in the installer (resources/corpus/): where the app looks for it.
const PUBLISHERS_OUT = path.join(WORK, 'publishers.json');
const CONFIG_OUT = path.join(WORK, 'electron-builder.json');
const NATIVE_MODULE = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const NATIVE_BACKUP = path.join(WORK, 'better_sqlite3.node-for-node');
/** Files electron-builder leaves in the output folder that are not installers. */
const NOT_INSTALLERS =
  /^(builder-debug\.yml|builder-effective-config\.yaml|SHA256SUMS\.txt(?:\.minisig)?|latest.*\.yml)$|\.blockmap$/;

const USAGE = `Usage: npm run dist -- [--corpus <folder>] [--name "Archivo X"] [--version 2026.1] [electron-builder arguments]

  --corpus <folder>   documents to package (default: ${DEFAULT_CORPUS}, the bundled seeds)
  --name <name>       corpus name shown in the app's About box and used in installer file names
  --version <v>       corpus version (letters, digits, . _ -), shown in About and in file names
  --publisher-key <pub>  a trusted publisher's public key (corpus key new); repeatable.
                      Packs signed by these keys install; others follow the two policies below
  --unsigned-packs <p>   confirm (default: ask the user) or refuse unsigned packs
  --unknown-keys <p>     confirm (default: ask, showing the key's fingerprint) or refuse other keys
  --sign-key <key>    sign SHA256SUMS.txt with this secret key (SHA256SUMS.txt.minisig);
                      passphrase from a prompt, $CORPUS_KEY_PASSPHRASE or --passphrase-file
  --passphrase-file <f>  the --sign-key passphrase, first line of this file
  anything else       passed to electron-builder, e.g. --dir, --linux AppImage, --win portable, --x64

Installers are written to release/ with SHA256SUMS.txt beside them.`;

class DistFailure extends Error {}

/** Splits our options from electron-builder's; `--` forces the rest through. */
function parseDistArgs(argv) {
  const options = {
    corpus: undefined,
    name: undefined,
    version: undefined,
    'unsigned-packs': undefined,
    'unknown-keys': undefined,
    'sign-key': undefined,
    'passphrase-file': undefined,
    'publisher-key': [],
    help: false,
  };
  const builderArgs = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      builderArgs.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      options.help = true;
      continue;
    }
    const match =
      /^--(corpus|name|version|publisher-key|unsigned-packs|unknown-keys|sign-key|passphrase-file)(?:=(.*))?$/s.exec(
        arg,
      );
    if (!match) {
      builderArgs.push(arg);
      continue;
    }
    const key = match[1];
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new DistFailure(`--${key} needs a value`);
      i += 1;
    }
    if (Array.isArray(options[key])) {
      options[key].push(value);
      continue;
    }
    if (options[key] !== undefined) throw new DistFailure(`--${key} given twice`);
    options[key] = value;
  }
  return { options, builderArgs };
}

function validate(options) {
  // `npm run` moves to the project root; INIT_CWD is where the librarian typed the command.
  const corpus = path.resolve(process.env.INIT_CWD ?? process.cwd(), options.corpus ?? path.join(root, DEFAULT_CORPUS));
  if (!existsSync(corpus)) throw new DistFailure(`the corpus folder ${corpus} does not exist`);
  if (!statSync(corpus).isDirectory())
    throw new DistFailure(`${corpus} is not a folder: --corpus takes the folder that holds the documents`);
  try {
    readdirSync(corpus);
  } catch (error) {
    throw new DistFailure(`the corpus folder ${corpus} cannot be read: ${error.message}`);
  }
  const name = options.name ?? (options.corpus === undefined ? DEFAULT_CORPUS_NAME : undefined);
  if (name !== undefined && (name.trim() === '' || /\p{Cc}/u.test(name))) {
    throw new DistFailure('--name must be a non-empty name without control characters');
  }
  if (options.version !== undefined && !/^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/.test(options.version)) {
    throw new DistFailure(
      `--version "${options.version}" must be letters, digits, dots, hyphens or underscores (it goes into file names), e.g. 2026.1`,
    );
  }
  const here = (file) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const publisherKeys = options['publisher-key'].map(here);
  for (const file of publisherKeys) {
    if (!existsSync(file)) throw new DistFailure(`--publisher-key ${file}: no such file`);
  }
  for (const policy of ['unsigned-packs', 'unknown-keys']) {
    const value = options[policy];
    if (value !== undefined && value !== 'confirm' && value !== 'refuse')
      throw new DistFailure(`--${policy} ${value}: use confirm or refuse`);
    if (value !== undefined && publisherKeys.length === 0)
      throw new DistFailure(`--${policy} needs at least one --publisher-key (without one, packs install as before)`);
  }
  const signKey = options['sign-key'] === undefined ? undefined : here(options['sign-key']);
  if (signKey !== undefined && !existsSync(signKey)) throw new DistFailure(`--sign-key ${signKey}: no such file`);
  return {
    corpus,
    name,
    version: options.version,
    publisherKeys,
    unsignedPacks: options['unsigned-packs'] ?? 'confirm',
    unknownKeys: options['unknown-keys'] ?? 'confirm',
    signKey,
    passphraseFile: options['passphrase-file'] === undefined ? undefined : here(options['passphrase-file']),
  };
}

/** "Archivo de Prensa, 2026" -> "Archivo-de-Prensa-2026": safe in file names on every OS. */
function fileNameSlug(name) {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'Archivo';
}

function runNode(label, args, options = {}) {
  console.log(`\n== ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw new DistFailure(`${label} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

function buildCorpus({ corpus, name, version }) {
  mkdirSync(WORK, { recursive: true });
  const args = [require.resolve('tsx/cli'), 'src-main/cli/main.ts', 'build', corpus, '--out', CORPUS_OUT];
  if (name !== undefined) args.push('--name', name);
  if (version !== undefined) args.push('--version', version);
  const status = runNode(`building the corpus database from ${corpus}`, args);
  if (status === 2)
    throw new DistFailure(`nothing in ${corpus} could be imported (see the warnings above); no installer was built`);
  if (status !== 0)
    throw new DistFailure(`building the corpus from ${corpus} failed (exit code ${status}); no installer was built`);
}

function buildBundles() {
  if (
    runNode('building the user interface (vite)', [
      path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'),
      'build',
      // Vite's module runner loads vite.config.ts and the plugins it imports from src-main (whose
      // imports name no extensions): its default loader bundled them and warned, at every build,
      // that a coming default would refuse them.
      '--configLoader',
      'runner',
      '--logLevel',
      'warn',
    ]) !== 0
  ) {
    throw new DistFailure('the user interface did not build');
  }
  if (runNode('building the Electron bundles (esbuild)', [path.join(root, 'scripts', 'build-electron.mjs')]) !== 0) {
    throw new DistFailure('the Electron bundles did not build');
  }
}

/** The corpus CLI (same tsx as the corpus build). */
function corpusCli(label, args) {
  return runNode(label, [require.resolve('tsx/cli'), 'src-main/cli/main.ts', ...args]);
}

/** corpus/publishers.json for the installer: the pinned keys and the policy for other packs. */
function writePublishers({ publisherKeys, unsignedPacks, unknownKeys }) {
  rmSync(PUBLISHERS_OUT, { force: true });
  if (publisherKeys.length === 0) return false;
  const args = [
    'publishers',
    '--out',
    PUBLISHERS_OUT,
    '--unsigned-packs',
    unsignedPacks,
    '--unknown-keys',
    unknownKeys,
  ];
  for (const file of publisherKeys) args.push('--key', file);
  if (corpusCli('pinning trusted pack publishers', args) !== 0)
    throw new DistFailure('the publisher keys could not be pinned (see above); no installer was built');
  return true;
}

/** electron-builder.yml with this run's corpus and artifact names, written where the CLI can read it. */
function writeBuilderConfig({ name, version }, pinned) {
  const config = YAML.parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
  config.extraResources = [
    { from: path.relative(root, CORPUS_OUT).split(path.sep).join('/'), to: 'corpus/corpus.sqlite' },
  ];
  if (pinned) {
    config.extraResources.push({
      from: path.relative(root, PUBLISHERS_OUT).split(path.sep).join('/'),
      to: 'corpus/publishers.json',
    });
  }
  const slug = fileNameSlug(name ?? config.productName);
  // ${...} are electron-builder's macros; ${version} is the app's semver when no corpus version is given.
  const label = version ?? '${version}';
  config.artifactName = `${slug}-${label}-\${os}-\${arch}.\${ext}`;
  config.nsis = { ...config.nsis, artifactName: `${slug}-${label}-instalador-\${arch}.\${ext}` };
  config.portable = { ...config.portable, artifactName: `${slug}-${label}-portable-\${arch}.\${ext}` };
  writeFileSync(CONFIG_OUT, `${JSON.stringify(config, null, 2)}\n`);
  return config;
}

/** The output folder: `-c.directories.output=<dir>` among the extra arguments, else the config's. */
function outputFolder(builderArgs, config) {
  for (let i = 0; i < builderArgs.length; i++) {
    const match = /^--?c(?:onfig)?\.directories\.output(?:=(.*))?$/.exec(builderArgs[i]);
    if (match) return path.resolve(root, match[1] ?? builderArgs[i + 1] ?? '');
  }
  return path.resolve(root, config.directories?.output ?? 'dist');
}

/**
 * electron-builder rebuilds better-sqlite3 for Electron's ABI in the project's own
 * node_modules (npmRebuild). Keep Node's build aside and put it back afterwards, so the
 * CLI, browser mode and the tests keep working after `npm run dist`.
 */
function keepNodeBuildOfSqlite() {
  if (!existsSync(NATIVE_MODULE)) return () => undefined;
  copyFileSync(NATIVE_MODULE, NATIVE_BACKUP);
  return () => {
    if (!readFileSync(NATIVE_MODULE).equals(readFileSync(NATIVE_BACKUP))) {
      copyFileSync(NATIVE_BACKUP, NATIVE_MODULE);
      console.log("  • put Node's build of better-sqlite3 back (electron-builder had rebuilt it for Electron)");
    }
    rmSync(NATIVE_BACKUP, { force: true });
  };
}

async function main(argv) {
  const { options, builderArgs } = parseDistArgs(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const request = validate(options);
  const started = Date.now();

  buildCorpus(request);
  const pinned = writePublishers(request);
  buildBundles();
  const config = writeBuilderConfig(request, pinned);
  const output = outputFolder(builderArgs, config);

  const args = [
    require.resolve('electron-builder/cli.js'),
    '--config',
    path.relative(root, CONFIG_OUT),
    '--publish',
    'never',
    ...builderArgs,
  ];
  const restoreSqlite = keepNodeBuildOfSqlite();
  let status;
  try {
    status = runNode(`electron-builder ${builderArgs.join(' ')}`.trim(), args);
  } finally {
    restoreSqlite();
  }
  if (status !== 0) throw new DistFailure(`electron-builder failed (exit code ${status})`);

  // Installers are the files this run wrote at the top of the output folder.
  const written = existsSync(output)
    ? readdirSync(output, { withFileTypes: true })
        .filter((entry) => entry.isFile() && !NOT_INSTALLERS.test(entry.name))
        .filter((entry) => statSync(path.join(output, entry.name)).mtimeMs >= started - 2000)
        .map((entry) => entry.name)
        .sort()
    : [];
  const unpacked = existsSync(output)
    ? readdirSync(output, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && /unpacked$|^mac/.test(entry.name))
        .map((entry) => entry.name)
    : [];

  console.log('\n== done');
  console.log(
    `Corpus: ${request.name ?? path.basename(request.corpus)}${request.version ? ` ${request.version}` : ''} from ${request.corpus}`,
  );
  for (const folder of unpacked) console.log(`Unpacked app: ${path.join(output, folder)}`);
  if (written.length === 0) {
    console.log('No installer files were written (--dir packs an unpacked folder only).');
    return 0;
  }
  const checksums = await writeChecksums(output, written);
  if (request.signKey !== undefined) {
    const args = ['sign', checksums, '--key', request.signKey];
    if (request.passphraseFile !== undefined) args.push('--passphrase-file', request.passphraseFile);
    if (corpusCli(`signing ${CHECKSUMS_FILE}`, args) !== 0)
      throw new DistFailure(`${CHECKSUMS_FILE} could not be signed (see above); the installers are in ${output}`);
  }
  console.log(`Installers in ${output}:`);
  for (const name of written) console.log(`  ${name}`);
  console.log(`Checksums: ${checksums}`);
  if (pinned) console.log(`Trusted pack publishers pinned: ${request.publisherKeys.length}`);
  console.log('Check them in the folder they were copied to:');
  console.log(`  Linux:   sha256sum -c ${CHECKSUMS_FILE}`);
  console.log(`  macOS:   shasum -a 256 -c ${CHECKSUMS_FILE}`);
  console.log(`  Windows: Get-FileHash <file> -Algorithm SHA256   (compare with ${CHECKSUMS_FILE})`);
  if (request.signKey !== undefined) {
    console.log(`And who made them: minisign -Vm ${CHECKSUMS_FILE} -p <publisher>.pub`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof DistFailure) {
      console.error(`dist: ${error.message}`);
      console.error('Run `npm run dist -- --help` for the options.');
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  },
);
