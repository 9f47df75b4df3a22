#!/usr/bin/env node
// Used by the tests only (tests/support/ui-build.ts, scripts/test-all.mjs): builds the UI that
// the end-to-end servers and the offline proof serve, dist/renderer, unless the last build by
// this script is still there and its inputs are unchanged. Before, the Playwright set-up, the
// offline proof and the bundle URL scan each ran `vite build` (about 5 s of CPU each).
//
// A build is named by a hash of the bytes of everything Vite reads from the project: the
// renderer, the `common` layer it imports, the browser-mode modules vite.config.ts loads as
// plugins, the config itself and the package files. The hash and the built index.html's mtime
// are kept in node_modules/.cache/archive-tests/ui-build.json: a build of dist/renderer by
// anything else (`npm run build:ui`, `npm run dist`) changes that mtime and so is not trusted.
// Prints one line saying what it did.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const indexHtml = path.join(root, 'dist/renderer/index.html');
const stampFile = path.join(root, 'node_modules/.cache/archive-tests/ui-build.json');
const INPUT_FOLDERS = ['src-renderer', 'src-main/common', 'src-main/serve'];
const INPUT_FILES = ['vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

function hashFile(hash, relative) {
  hash.update(`\0${relative}\0`);
  hash.update(readFileSync(path.join(root, relative)));
}

function hashFolder(hash, folder) {
  const entries = readdirSync(path.join(root, folder), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) hashFolder(hash, relative);
    else if (entry.isFile()) hashFile(hash, relative);
  }
}

function inputsKey() {
  const hash = createHash('sha256');
  for (const folder of INPUT_FOLDERS) hashFolder(hash, folder);
  for (const file of INPUT_FILES) hashFile(hash, file);
  return hash.digest('hex').slice(0, 32);
}

function readStamp() {
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    return typeof stamp?.key === 'string' && typeof stamp.indexMtimeMs === 'number' ? stamp : null;
  } catch {
    return null;
  }
}

function writeStamp(key) {
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${JSON.stringify({ key, indexMtimeMs: statSync(indexHtml).mtimeMs })}\n`);
}

// The packaging test's `npm run dist` builds dist/renderer with the same `vite build` (production
// mode): it prints the inputs' key before (`--print-key`) and, once dist succeeded, hands that key
// back (`--adopt <key>`) so the end-to-end set-up serves that build instead of making it again
// (5 to 10 s of CPU). Adopted only when the inputs are still those of before the build.
const adoptAt = process.argv.indexOf('--adopt');
if (process.argv.includes('--print-key')) {
  console.log(inputsKey());
  process.exit(0);
} else if (adoptAt >= 0) {
  const before = process.argv[adoptAt + 1];
  const key = inputsKey();
  if (before === key && existsSync(indexHtml)) {
    writeStamp(key);
    console.log(`UI build adopted (${key.slice(0, 8)})`);
  } else {
    console.log(`UI build not adopted: its inputs changed while it was built (${key.slice(0, 8)})`);
  }
  process.exit(0);
}

const key = inputsKey();
const stamp = readStamp();
if (stamp?.key === key && existsSync(indexHtml) && statSync(indexHtml).mtimeMs === stamp.indexMtimeMs) {
  console.log(`UI build is up to date (${key.slice(0, 8)})`);
} else {
  const started = Date.now();
  // NODE_ENV=production: under Vitest (NODE_ENV=test) Vite would bundle React's development build, not what ships.
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--configLoader', 'runner', '--logLevel', 'warn'],
    { cwd: root, env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8', timeout: 240_000 },
  );
  if (result.status !== 0) {
    console.error(`vite build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    process.exit(1);
  }
  writeStamp(key);
  console.log(`UI built in ${Date.now() - started} ms (${key.slice(0, 8)})`);
}
