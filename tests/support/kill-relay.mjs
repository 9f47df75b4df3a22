// Starts and SIGKILLs the crash tests' writers on behalf of a test worker (crash-harness.ts).
// A Vitest worker holds hundreds of MB (a shared worker keeps every module and cache of the
// files before it), and on Linux each child it spawns is a fork of all that memory: 100–250 ms
// of page-table copying per start. This small process forks in a few ms instead, and times the
// kill from its own event loop, which nothing else keeps busy.
// Requests on stdin, one JSON object a line: {"id", "bundle", "args", "killAfterMs"}. Each answer
// on stdout is one line: {"id", "run": {"lines", "lineTimes", "signal", "stderr"}} or {"id", "error"}.
// It ends when its stdin closes; the writers inherit its environment.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Starts `node <bundle> <args>` and SIGKILLs it `killAfterMs` after it printed `ready`. */
function runAndKill(bundle, args, killAfterMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let readyAt = null;
    const lineTimes = [];
    let timer = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (readyAt === null && stdout.includes('ready\n')) {
        readyAt = Date.now();
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
      const complete = stdout.split('\n').length - 1;
      while (lineTimes.length < complete) lineTimes.push(Date.now() - (readyAt ?? Date.now()));
    });
    child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (timer) clearTimeout(timer);
      // A line cut by the kill was never fully acknowledged: only complete lines count.
      const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1).split('\n');
      const lines = [];
      const times = [];
      complete.forEach((line, index) => {
        if (line === '') return;
        lines.push(line);
        times.push(lineTimes[index] ?? 0);
      });
      resolve({ lines, lineTimes: times, signal, stderr });
    });
  });
}

function answer(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, bundle, args, killAfterMs } = JSON.parse(line);
  runAndKill(bundle, args, killAfterMs).then(
    (run) => answer({ id, run }),
    (error) => answer({ id, error: String(error) }),
  );
});
