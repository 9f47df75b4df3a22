#!/usr/bin/env node
// `npm test`: every check, in groups. The checks of the first group are single-threaded and
// independent (type check, lint, format, Electronegativity), so they run side by side on the
// two cores; the test runners each use both cores, and run side by side only with a check that
// mostly waits (see GROUPS). Output of a group that runs side by side is printed whole when each
// check ends, so lines never interleave. Every check runs even after one fails; the table at the end gives
// each check's time and result, and the exit code is 1 when any failed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { offlineChildEnv } from './offline-child-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A check that starts with its group and is waited for at the end of the group after it. The type
 * check with ESLint (one process, one TypeScript program: scripts/check-code.mjs) takes about 70 s
 * of one core in a fresh clone, as on CI, while Prettier and Electronegativity together take
 * about 20 s: waiting for it alone left a core idle for most of a minute. It only reads the
 * sources (and writes its caches), which no later check writes.
 */
function background(script) {
  return { script, background: true };
}

/**
 * Each inner list runs side by side; the lists run in order. Names are package.json scripts, or
 * `node <file>` steps that build what the checks after them share.
 * - The packaging test spends most of its time waiting on electron-builder's copying (measured:
 *   15 s of CPU in 114 s under load), so it runs beside the unit tests; it writes dist/renderer,
 *   dist/main and build/dist, which no unit test reads.
 * - The UI and the bundles are then built once (when stale), before the end-to-end tests and the
 *   offline proof, which only read them. The offline proof runs alone, after the end-to-end tests:
 *   beside them, its Chromium twice made DNS queries (12 connects to the resolver, refused in the
 *   proof's network namespace) that it never makes alone; until the cause is known the proof
 *   must judge a browser session that nothing else disturbs.
 */
const GROUPS = [
  [background('typecheck-lint'), 'format:check', 'scan:electron'],
  ['test:unit', 'test:packaging'],
  ['node scripts/build-test-bundles.mjs', 'node scripts/build-test-ui.mjs'],
  ['test:e2e'],
  ['test:offline'],
];

/**
 * `npm test -- --overlap`: the packaging test beside the static checks, then the unit and the
 * end-to-end tests side by side. Alone, each runner leaves part of the two cores idle (Vitest's
 * tail of slow files on one worker; Playwright, about one core busy of two, waiting on pages),
 * and neither writes what the other reads (servers on free ports, corpora in fresh temp
 * folders, the corpus cache filled by atomic renames). Not the default: measured on this
 * machine while five other engineers loaded it (load average 15 to 25), it cut the run from
 * about 1,430 s (the two runners one after the other) to 1,090 s, but tests with a time bound
 * failed for want of CPU: the triple import of the real corpus (300 s), the 10 MB line (45 s),
 * and in the browser the notes' encryption (60 s) and the table of contents' mark (7 s). Use it
 * where the machine is otherwise idle.
 */
const OVERLAPPED_GROUPS = [
  ['typecheck-lint', 'format:check', 'scan:electron', 'test:packaging'],
  ['node scripts/build-test-bundles.mjs', 'node scripts/build-test-ui.mjs'],
  ['test:unit', 'test:e2e'],
  ['test:offline'],
];

/**
 * Runs `npm run <script>` (or a `node <file>` step); streams its output when alone, else prints it
 * whole when it ends. Either way the output is kept, to repeat a failure's account at the end.
 */
function runScript(script, stream) {
  const started = Date.now();
  const [command, args] = script.startsWith('node ')
    ? [process.execPath, script.split(' ').slice(1)]
    : ['npm', ['run', '--silent', script]];
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Every check and every process it starts run without NODE_EXTRA_CA_CERTS: none makes a TLS
      // connection, and where the machine sets it each of the few hundred Node starts of a run
      // paid about 45 ms of CPU to parse certificates (offline-child-env.mjs).
      env: { ...offlineChildEnv(), FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
    });
    let output = '';
    const keep = (chunk) => {
      output += chunk;
      if (stream) process.stdout.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code, signal) => {
      const seconds = (Date.now() - started) / 1000;
      if (!stream) process.stdout.write(`\n── ${script} ──\n${output}`);
      console.log(`── ${script}: ${code === 0 ? 'passed' : `FAILED (${signal ?? code})`} in ${seconds.toFixed(1)} s`);
      resolve({ script, ok: code === 0, seconds, output });
    });
  });
}

/** The last lines of a check's output that say what failed, without colour codes or blank lines. */
function failureExcerpt(output, lineCount = 60) {
  const lines = stripVTControlCharacters(output)
    .split('\n')
    .filter((line) => line.trim() !== '');
  return lines.slice(-lineCount).join('\n');
}

/** Playwright's list of flaky tests ("N flaky" and the names under it), or '' when there were none. */
function flakyExcerpt(output) {
  const lines = stripVTControlCharacters(output).split('\n');
  const start = lines.findIndex((line) => /^\s+\d+ flaky\s*$/.test(line));
  if (start < 0) return '';
  const end = lines.findIndex(
    (line, index) => index > start && /^\s+\d+ (passed|skipped|failed|did not run)/.test(line),
  );
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/**
 * One line per failed attempt of each Playwright test that failed (the first try and its retry):
 * its first message and where it stopped. A retry often fails only because its first try did
 * (a timeout skips a `finally` that restores shared state), and CI shows only the last lines of
 * the log, where the first try's account would otherwise be cut off.
 */
function attemptLines(output) {
  const lines = stripVTControlCharacters(output).split('\n');
  const found = [];
  let test = null;
  let attempt = null;
  for (const line of lines) {
    const header = /^\s+\d+\) (\S+:\d+:\d+) ›/.exec(line);
    const retry = /^\s+Retry #(\d+) ─/.exec(line);
    if (header || retry) {
      if (header) test = header[1].replace(/^.*\//, '');
      attempt = { name: `${test} ${retry ? `retry ${retry[1]}` : 'first try'}`, message: '', at: '' };
      found.push(attempt);
    } else if (attempt && !attempt.message && line.trim() !== '') {
      attempt.message = line.trim().slice(0, 110);
    } else if (attempt && !attempt.at) {
      const at = /^\s+at .*?([^/\s]+\.spec\.ts:\d+:\d+)/.exec(line);
      if (at) attempt.at = at[1];
    }
  }
  return found.map(({ name, message, at }) => `  ${name}: ${message}${at ? ` (at ${at})` : ''}`);
}

const started = Date.now();
const results = [];
/** Background checks started with the group before: waited for at the end of the current one. */
let carried = [];
for (const group of process.argv.includes('--overlap') ? OVERLAPPED_GROUPS : GROUPS) {
  const entries = group.map((entry) => (typeof entry === 'string' ? { script: entry, background: false } : entry));
  const waitingFor = carried.map(({ script }) => `${script} (started before)`);
  console.log(`\n▶ ${[...entries.map(({ script }) => script), ...waitingFor].join(' ‖ ')}`);
  // Streamed only when it runs alone: no background check beside it, none carried into it.
  const alone = entries.length === 1 && carried.length === 0;
  const launched = entries.map(({ script, background }) => ({ script, background, run: runScript(script, alone) }));
  const foreground = await Promise.all(launched.filter(({ background }) => !background).map(({ run }) => run));
  results.push(...(await Promise.all(carried.map(({ run }) => run))), ...foreground);
  carried = launched.filter(({ background }) => background);
}
results.push(...(await Promise.all(carried.map(({ run }) => run))));
// CI keeps only the end of the log, so each failed check's own account of its failure is
// printed again here, just above the summary.
for (const { script, ok, output } of results) {
  if (!ok) console.log(`\n── why ${script} failed (its last lines) ──\n${failureExcerpt(output)}`);
  const flaky = flakyExcerpt(output);
  if (flaky) console.log(`\n── ${script}: tests that failed once and passed on their retry ──\n${flaky}`);
}
for (const { script, ok, output } of results) {
  const attempts = ok ? [] : attemptLines(output);
  if (attempts.length > 0) console.log(`\n── ${script}: each failed attempt, first line ──\n${attempts.join('\n')}`);
}
console.log('\nnpm test summary');
for (const { script, ok, seconds } of results) {
  console.log(`  ${ok ? 'ok    ' : 'FAILED'} ${script.padEnd(16)} ${seconds.toFixed(1).padStart(7)} s`);
}
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = results.every((result) => result.ok) ? 0 : 1;
