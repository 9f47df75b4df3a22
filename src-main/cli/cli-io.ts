import { isatty } from 'node:tty';

/**
 * Where a command of the corpus command line writes. The shipped CLI writes to the process's own
 * streams (`processIo`); tests run commands in their own process with streams that collect the
 * text (`runCli` in ./program.ts), so that checking an option's output does not cost a Node
 * start-up and a load of the whole bundle each time.
 */
export interface CliOutput {
  write(text: string): void;
  /** A person watches a terminal here: progress bars and bold marks, never in a pipe or a test. */
  readonly isTTY: boolean;
}

export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
}

function processOutput(stream: NodeJS.WriteStream, fd: number): CliOutput {
  return {
    write: (text) => {
      stream.write(text);
    },
    // Asked of the descriptor: `isTTY` is undefined on a pipe or a file, whatever its type says.
    isTTY: isatty(fd),
  };
}

/** The command line's standard output and error. */
export function processIo(): CliIo {
  return { stdout: processOutput(process.stdout, 1), stderr: processOutput(process.stderr, 2) };
}
