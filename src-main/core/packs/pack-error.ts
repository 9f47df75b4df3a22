import type { PackProblemCode } from '../../common/library';

/**
 * Why a pack file was refused. `code` is what the UI words in the user's language;
 * `message` is one English sentence naming the file and what is wrong (logs, CLI).
 */
export class PackError extends Error {
  override readonly name = 'PackError';

  constructor(
    readonly code: PackProblemCode,
    message: string,
    /** The pack file concerned. */
    readonly file: string,
  ) {
    super(message);
  }
}

export function isPackError(error: unknown): error is PackError {
  return error instanceof PackError;
}
