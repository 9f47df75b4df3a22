import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import type { CliIo } from './cli-io';

/** The signals that stop a command: Ctrl-C, `kill`, a closed terminal. */
const STOPPING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs a long command (a build, a pack) so that a stopping signal ends it cleanly. Node's default
 * ends the process at once and silently: the files the command was writing stayed (the next build
 * of the same target removes them, abandoned-build-files.ts), and a librarian was left to wonder
 * whether the archive already there survived. While `work` runs, such a signal instead removes
 * this process's own files (`removeOwnFiles`, synchronous: the process ends right after), says
 * what became of the target (`stopped`), and ends with the shell's code for the signal (128 + its
 * number), as the default would have.
 */
export async function interruptibly<T>(
  work: () => Promise<T>,
  options: { io: CliIo; removeOwnFiles: () => void; stopped: string },
): Promise<T> {
  let stopping = false;
  const handlers = STOPPING_SIGNALS.map((signal) => {
    const handler = (): void => {
      // A second signal (Ctrl-C reaches the launcher and this process alike, and the launcher
      // passes it on) finds the first one's work under way. The handler stays installed until the
      // process ends: without one, a second signal would end it halfway through the removal.
      if (stopping) return;
      stopping = true;
      options.removeOwnFiles();
      options.io.stderr.write(`\ncorpus: stopped (${signal}); ${options.stopped}\n`);
      process.exit(128 + constants.signals[signal]);
    };
    process.on(signal, handler);
    return { signal, handler };
  });
  try {
    return await work();
  } finally {
    for (const { signal, handler } of handlers) process.removeListener(signal, handler);
  }
}

/**
 * What a stopped command says of its output, as it stands before the command starts: a file
 * already there is left as it was (it is only ever replaced by a rename at the end), else nothing
 * was written. `out` as the person typed it; `what` names the run ("build", "pack").
 */
export function stoppedSentence(out: string, target: string, what: string): string {
  return existsSync(target)
    ? `${out} was not changed, and nothing of this ${what} was kept.`
    : `nothing was written to ${out}.`;
}
