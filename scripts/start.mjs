#!/usr/bin/env node
// `npm start`: builds what is missing or stale, then launches the Electron app. Where
// Electron cannot start (no binary, no display, a binary that fails its own --version),
// it says so in one sentence and starts browser mode instead, which prints its URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';
import { offlineChildEnv } from './offline-child-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script, args = []) {
  const extra = args.length > 0 ? ['--', ...args] : [];
  const result = spawnSync(npm, ['run', '--silent', script, ...extra], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm run ${script} failed; not starting.`);
    process.exit(result.status ?? 1);
  }
}

/** Why Electron cannot start here, or null when it can. */
function electronProblem(binary) {
  if (!binary.ok) return binary.reason;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no graphical display: neither DISPLAY nor WAYLAND_DISPLAY is set';
  }
  const probe = spawnSync(binary.path, ['--version'], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  if (probe.error) return `the binary at ${binary.path} could not run: ${probe.error.message}`;
  if (probe.status !== 0) return `the binary at ${binary.path} exited with code ${probe.status}`;
  return null;
}

/**
 * Missing, or older than the files that define its format (schema, analyzer/index id): an
 * older corpus would be refused with "rebuild the corpus", so rebuild it first.
 */
function bundledCorpusStale() {
  const corpus = path.join(root, 'build', 'corpus', 'corpus.sqlite');
  if (!existsSync(corpus)) return true;
  const built = statSync(corpus).mtimeMs;
  const formats = ['src-main/core/store/corpus-schema.ts', 'src-main/core/search/analyzer.ts'];
  return formats.some((file) => existsSync(path.join(root, file)) && statSync(path.join(root, file)).mtimeMs > built);
}

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// Warnings and errors only: the list of built files is for `npm run build:ui`, not for a
// librarian waiting for the address to open.
run('build:ui', ['--logLevel', 'warn']);
run('build:electron');
if (bundledCorpusStale()) run('build:corpus');

const binary = findElectronBinary();
const problem = electronProblem(binary);
if (problem === null && binary.ok) {
  // ELECTRON_RUN_AS_NODE must not leak into the app; the app itself is the project folder.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  forward(spawn(binary.path, [root], { cwd: root, stdio: 'inherit', env }));
} else {
  console.log(`Electron cannot start on this machine (${problem}); starting browser mode instead.`);
  // Browser mode never opens a TLS connection: it starts without the certificates a machine may
  // name in NODE_EXTRA_CA_CERTS, which Node would otherwise parse first (offline-child-env.mjs).
  forward(
    spawn(npm, ['run', '--silent', 'serve', '--', '--no-build'], {
      cwd: root,
      stdio: 'inherit',
      env: offlineChildEnv(),
    }),
  );
}
