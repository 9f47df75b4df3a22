import type { CliOutput } from '../../src-main/cli/cli-io';
import { runCli } from '../../src-main/cli/program';
import type { CorpusCliResult } from './serve-process';

/** A stream that keeps what a command writes, as a pipe would receive it (not a terminal). */
function collector(): CliOutput & { text: () => string } {
  const chunks: string[] = [];
  return {
    write: (text) => {
      chunks.push(text);
    },
    isTTY: false,
    text: () => chunks.join(''),
  };
}

/**
 * Runs `corpus <args>` in this process (src-main/cli/program.ts, the code the bundle runs) and
 * returns its exit code and output, as `corpusCli` does for a child process. For tests of what a
 * command does; the process boundary itself (the bundle starts, `process.exitCode` reaches the
 * shell) keeps its own spawned tests, with `corpusCli`.
 */
export async function corpusInProcess(args: string[]): Promise<CorpusCliResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(args, { stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
