#!/usr/bin/env node
// `npm test`: every check, scheduled so that both cores of the 2-core CI machine stay busy from
// start to end. Each step says how many cores it keeps busy and which steps it must follow; a
// step starts as soon as those have ended and the cores it needs are free (see STEPS for the
// order and the figures). Output of a step that runs beside others is printed whole when it
// ends, so lines never interleave. Every check runs even after one fails; the table at the end
// gives each check's time and result, and the exit code is 1 when any failed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const BUNDLES = 'node scripts/build-test-bundles.mjs';
const TEST_UI = 'node scripts/build-test-ui.mjs';

/**
 * The steps in order of priority: whenever a step ends, each waiting step, in this order, starts
 * if every step in its `after` has ended and its `cores` fit beside the running steps' within
 * CORES (a step that does not fit lets a later one that does start first). Names are
 * package.json scripts, or `node <file>` steps that build what the checks after them share.
 *
 * `cores` is the CPU a step keeps busy on average, measured alone (CPU seconds / wall seconds):
 * the single-threaded checks 1; the unit tests 2 (two Vitest workers); the end-to-end tests 1
 * (Playwright's two workers mostly wait on pages: 183 s of CPU in 722 s wall under load); the
 * packaging test 0.5 (it mostly waits on electron-builder's copying: 15 s of CPU in 114 s).
 * Never more than two CPU-heavy things at once: tests with a time bound (the triple import of
 * the real corpus, 300 s; the 10 MB line, 45 s; in the browser the notes' encryption, 60 s, and
 * the table of contents' mark, 7 s) failed when the unit and end-to-end runners shared the cores.
 *
 * - ESLint's typed rules are the longest single check (about 100 s of one core in a fresh clone,
 *   as on CI; a few seconds with its cache warm), so it starts as soon as the bundles are built,
 *   beside the packaging test, the type check and then the end-to-end tests, which leave it a
 *   core; Prettier and Electronegativity fill the other core when those end.
 * - The test bundles (dist/cli, dist/serve, build/serve-test-kdf) are built once, first: both
 *   runners' global set-ups would otherwise build them, maybe at the same time.
 * - The packaging test's `npm run dist` writes dist/renderer, dist/main and build/dist (and reads
 *   only sources), so it starts at once; the test UI step then adopts its dist/renderer, and
 *   the end-to-end tests, which serve that build, wait for both.
 * - The unit tests take both cores, so they start when both are free: after the end-to-end
 *   tests, which start first because their inputs are ready first (measured warm and quiet: e2e
 *   from 21 s to 170 s, then the unit tests to 264 s).
 * - The offline proof runs alone, last: beside the end-to-end tests its Chromium twice made DNS
 *   queries (12 connects to the resolver, refused in the proof's network namespace) that it
 *   never makes alone; until the cause is known the proof must judge a browser session that
 *   nothing else disturbs. It also scans the bundles every other step may have rebuilt.
 */
const STEPS = [
  { script: BUNDLES, cores: 1 },
  { script: 'test:packaging', cores: 0.5 },
  { script: TEST_UI, cores: 0, after: ['test:packaging'] },
  { script: 'lint', cores: 1 },
  { script: 'test:e2e', cores: 1, after: [BUNDLES, TEST_UI] },
  { script: 'typecheck', cores: 1 },
  { script: 'format:check', cores: 1 },
  { script: 'scan:electron', cores: 1 },
  { script: 'test:unit', cores: 2, after: [BUNDLES] },
  { script: 'test:offline', cores: 2, alone: true },
];

/**
 * `npm test -- --overlap`: schedules as if the machine had four cores, so the unit and the
 * end-to-end tests also run side by side. Measured on this machine while five other engineers
 * loaded it (load average 15 to 25), that cut the two runners from about 1,430 s one after the
 * other to 1,090 s, but tests with a time bound (above) failed for want of CPU. Use it where
 * the machine is otherwise idle.
 */
const CORES = process.argv.includes('--overlap') ? 4 : 2;

/**
 * Runs `npm run <script>` (or a `node <file>` step); streams its output when it runs alone, else
 * prints it whole when it ends. Either way the output is kept, to repeat a failure's account at the end.
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
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
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
 * Runs every step of STEPS once, each as soon as it may (see STEPS), and resolves with the
 * results in the order the steps ended. A failed step counts as ended: the steps after it
 * still run, and report their own failure if they needed its output.
 */
function runAll(steps, cores, started) {
  return new Promise((resolve, reject) => {
    const waiting = [...steps];
    const running = new Set();
    const ended = new Set();
    const results = [];
    const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
    const mayStart = (step) => {
      if (step.alone) return running.size === 0 && waiting.length === 1;
      if (!(step.after ?? []).every((script) => ended.has(script))) return false;
      const busy = [...running].reduce((sum, { cores: used }) => sum + used, 0);
      return running.size === 0 || busy + step.cores <= cores;
    };
    const startWhatMay = () => {
      for (const step of [...waiting]) {
        if (!mayStart(step)) continue;
        waiting.splice(waiting.indexOf(step), 1);
        running.add(step);
        const beside = [...running].filter((other) => other !== step).map(({ script }) => script);
        console.log(`\n▶ ${seconds()} s: ${step.script}${beside.length > 0 ? ` (beside ${beside.join(', ')})` : ''}`);
        void runScript(step.script, step.alone === true).then((result) => {
          running.delete(step);
          ended.add(step.script);
          results.push({ ...result, startedAt: (Date.now() - started) / 1000 - result.seconds });
          startWhatMay();
          if (running.size === 0 && waiting.length === 0) resolve(results);
        });
      }
      // A step waiting on a name that is not in STEPS would otherwise leave the run hanging.
      if (running.size === 0 && waiting.length > 0)
        reject(new Error(`no step can start: ${waiting.map(({ script }) => script).join(', ')}`));
    };
    startWhatMay();
  });
}

const started = Date.now();
const results = await runAll(STEPS, CORES, started);
// CI keeps only the end of the log, so each failed check's own account of its failure is
// printed again here, just above the summary.
for (const { script, ok, output } of results) {
  if (!ok) console.log(`\n── why ${script} failed (its last lines) ──\n${failureExcerpt(output)}`);
  const flaky = flakyExcerpt(output);
  if (flaky) console.log(`\n── ${script}: tests that failed once and passed on their retry ──\n${flaky}`);
}
console.log('\nnpm test summary');
for (const { script, ok, seconds, startedAt } of results) {
  const took = `${seconds.toFixed(1).padStart(7)} s`;
  console.log(
    `  ${ok ? 'ok    ' : 'FAILED'} ${script.padEnd(36)} ${took}  (from ${startedAt.toFixed(0).padStart(3)} s)`,
  );
}
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = results.every((result) => result.ok) ? 0 : 1;
