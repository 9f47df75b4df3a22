import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { build } from 'esbuild';
import { z } from 'zod';
import { repoRoot } from './bundles';

/**
 * What the SIGKILL durability tests share: a writer child bundled once, started with plain
 * `node` (by a small relay process), killed at a chosen moment after it printed `ready`, and its
 * complete output lines.
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

const killedRunSchema = z.object({
  lines: z.array(z.string()),
  lineTimes: z.array(z.number()),
  signal: z.string().nullable(),
  stderr: z.string(),
});
const answerSchema = z.union([
  z.object({ id: z.number(), run: killedRunSchema }),
  z.object({ id: z.number(), error: z.string() }),
]);

/**
 * Starts writers and SIGKILLs them, through one small relay process (kill-relay.mjs) rather than
 * from this test worker: a worker holding hundreds of MB pays 100–250 ms of forking per child on
 * Linux, the relay a few ms. Start one per test file and close it when the file is done.
 */
export class KillRelay {
  private readonly relay: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, { resolve: (run: KilledRun) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor() {
    this.relay = spawn(process.execPath, [path.join(__dirname, 'kill-relay.mjs')], {
      env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
    });
    let stderr = '';
    this.relay.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: this.relay.stdout }).on('line', (line) => {
      const answer = answerSchema.parse(JSON.parse(line));
      const waiter = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if ('run' in answer) waiter?.resolve({ ...answer.run, signal: asSignal(answer.run.signal) });
      else waiter?.reject(new Error(answer.error));
    });
    this.relay.on('close', (code) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`the kill relay ended (${code}): ${stderr}`));
      this.waiting.clear();
    });
  }

  /** Starts `node <bundle> <args>` and SIGKILLs it `killAfterMs` after it printed `ready`. */
  runAndKill(bundle: string, args: string[], killAfterMs: number): Promise<KilledRun> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.relay.stdin.write(`${JSON.stringify({ id, bundle, args, killAfterMs })}\n`);
    });
  }

  close(): void {
    this.relay.stdin.end();
  }
}

function isSignal(name: string): name is NodeJS.Signals {
  return Object.hasOwn(constants.signals, name);
}

function asSignal(name: string | null): NodeJS.Signals | null {
  if (name === null) return null;
  if (!isSignal(name)) throw new Error(`not a signal: ${name}`);
  return name;
}
