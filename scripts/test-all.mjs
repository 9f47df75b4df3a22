#!/usr/bin/env node
// `npm test`: every check, in groups. The checks of the first group are single-threaded and
// independent (type check, lint, format, Electronegativity), so they run side by side on the
// two cores; the test runners after them each use both cores already, so they run one after
// another. Output of a group that runs side by side is printed whole when each check ends, so
// lines never interleave. Every check runs even after one fails; the table at the end gives
// each check's time and result, and the exit code is 1 when any failed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each inner list runs side by side; the lists run in order. Names are package.json scripts. */
const GROUPS = [
  ['typecheck', 'lint', 'format:check', 'scan:electron'],
  ['test:unit'],
  ['test:e2e'],
  ['test:offline'],
  ['test:packaging'],
];

/** Runs `npm run <script>`; streams its output when alone, else returns it to print at the end. */
function runScript(script, stream) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], {
      cwd: root,
      stdio: stream ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => {
      const seconds = (Date.now() - started) / 1000;
      if (!stream) process.stdout.write(`\n── ${script} ──\n${output}`);
      console.log(`── ${script}: ${code === 0 ? 'passed' : `FAILED (${signal ?? code})`} in ${seconds.toFixed(1)} s`);
      resolve({ script, ok: code === 0, seconds });
    });
  });
}

const started = Date.now();
const results = [];
for (const group of GROUPS) {
  console.log(`\n▶ ${group.join(' ‖ ')}`);
  results.push(...(await Promise.all(group.map((script) => runScript(script, group.length === 1)))));
}
console.log('\nnpm test summary');
for (const { script, ok, seconds } of results) {
  console.log(`  ${ok ? 'ok    ' : 'FAILED'} ${script.padEnd(16)} ${seconds.toFixed(1).padStart(7)} s`);
}
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = results.every((result) => result.ok) ? 0 : 1;
