import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './bundles';

/**
 * What the SIGKILL durability tests share: a writer child bundled once, started with plain
 * `node`, killed at a chosen moment after it printed `ready`, and its complete output lines.
 */

/** Bundles a writer (TypeScript) into one CommonJS file, so each of the many child starts costs a plain `node` start. */
export async function bundleCrashWriter(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers'],
    logLevel: 'silent',
  });
  return outfile;
}

export interface KilledRun {
  /** The complete lines the writer printed: a line cut by the kill was never fully acknowledged. */
  lines: string[];
  /** When each of `lines` arrived, in ms after `ready` (at most: lines arriving in one chunk share a time). */
  lineTimes: number[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts `node <bundle> <args>` and SIGKILLs it `killAfterMs` after it printed `ready`. */
export function runAndKill(bundle: string, args: string[], killAfterMs: number): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let readyAt: number | null = null;
    const lineTimes: number[] = [];
    let timer: NodeJS.Timeout | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (readyAt === null && stdout.includes('ready\n')) {
        readyAt = Date.now();
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
      const complete = stdout.split('\n').length - 1;
      while (lineTimes.length < complete) lineTimes.push(Date.now() - (readyAt ?? Date.now()));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (timer) clearTimeout(timer);
      const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1).split('\n');
      const lines: string[] = [];
      const times: number[] = [];
      complete.forEach((line, index) => {
        if (line === '') return;
        lines.push(line);
        times.push(lineTimes[index] ?? 0);
      });
      resolve({ lines, lineTimes: times, signal, stderr });
    });
  });
}
