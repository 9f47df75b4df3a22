#!/usr/bin/env node
// The CPU a test command uses, all its processes counted: `/usr/bin/time` only sees the children
// that were waited for, and misses Chromium's renderers (forked by its zygote) and any process
// that outlives its parent. This runs the command, reads /proc every 200 ms for every process
// descended from it (or in its process group), keeps each one's last user + system time, and
// prints the total and the processes by name. Linux only. On a machine other people load, the
// CPU seconds stay comparable between runs where the wall-clock times do not.
//   node scripts/test-cpu.mjs npx playwright test -c tests/e2e/playwright.config.ts tests/e2e/app.spec.ts
//   node scripts/test-cpu.mjs --json /tmp/cpu.json npm run test:unit
// A process that starts and ends between two readings is not seen (a short CLI run, a `git`
// call): the figure is a floor, close for suites whose CPU goes to long-lived servers, browsers
// and test workers.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const SAMPLE_MS = 200;
/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on every Linux Node runs on). */
const TICKS_PER_SECOND = 100;

const args = process.argv.slice(2);
const jsonAt = args[0] === '--json' ? args[1] : undefined;
const command = jsonAt ? args.slice(2) : args;
if (command.length === 0) {
  console.error('usage: node scripts/test-cpu.mjs [--json <file>] <command> [args…]');
  process.exit(2);
}
if (os.platform() !== 'linux') {
  console.error('test-cpu.mjs reads /proc: Linux only');
  process.exit(2);
}

/** One reading of /proc/<pid>/stat: parent, process group, name and CPU seconds so far. */
function readStat(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // Ended since the folder was listed.
  }
  // The name is in parentheses and may hold spaces or parentheses itself: split after the last ')'.
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  return {
    name: text.slice(text.indexOf('(') + 1, close),
    parent: Number(fields[1]),
    group: Number(fields[2]),
    cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    startedAt: fields[19],
  };
}

const started = Date.now();
const child = spawn(command[0], command.slice(1), { stdio: 'inherit' });
const tracked = new Set([child.pid]);
/** Last reading per process (pid and start time, since pids are reused). */
const lastSeen = new Map();

function sample() {
  const readings = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(name);
    if (stat) readings.push({ pid: Number(name), ...stat });
  }
  // Parents before children is not the order of /proc, so adopt descendants until none is new.
  let adopted = true;
  while (adopted) {
    adopted = false;
    for (const reading of readings) {
      if (tracked.has(reading.pid)) continue;
      if (tracked.has(reading.parent) || reading.group === child.pid) {
        tracked.add(reading.pid);
        adopted = true;
      }
    }
  }
  for (const reading of readings) {
    if (tracked.has(reading.pid)) lastSeen.set(`${reading.pid}@${reading.startedAt}`, reading);
  }
}

const timer = setInterval(sample, SAMPLE_MS);
sample();
const [code, signal] = await new Promise((resolve) => child.on('exit', (...ended) => resolve(ended)));
clearInterval(timer);

const byName = new Map();
let total = 0;
for (const { name, cpu } of lastSeen.values()) {
  total += cpu;
  byName.set(name, (byName.get(name) ?? 0) + cpu);
}
const ranked = [...byName].sort((a, b) => b[1] - a[1]);
console.log(`\n── CPU of \`${command.join(' ')}\` ──`);
console.log(`wall ${((Date.now() - started) / 1000).toFixed(1)} s; CPU seen in /proc ${total.toFixed(1)} s`);
for (const [name, cpu] of ranked.slice(0, 15)) console.log(`${cpu.toFixed(1).padStart(8)} s  ${name}`);
if (jsonAt)
  writeFileSync(jsonAt, `${JSON.stringify({ command, total, byName: Object.fromEntries(ranked) }, null, 1)}\n`);
process.exitCode = code ?? (signal ? 1 : 0);
