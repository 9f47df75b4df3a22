export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_NOTHING_IMPORTED = 2;

/** A failure the CLI reports as one sentence with a specific exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
  }
}
