import { isRecord } from './guards';
/**
 * Errors that cross a process or network boundary travel as `{name, message}`;
 * the UI shows `message` as a sentence, never a stack trace.
 */
export type ApiErrorName = 'InvalidArgument' | 'NotFound' | 'Unavailable' | 'Internal' | 'PackRefused';

export interface ApiErrorPayload {
  name: ApiErrorName;
  message: string;
  /** Machine-readable reason the UI words in its own language (a `PackProblemCode` for PackRefused). */
  code?: string;
}

export class ApiError extends Error {
  override readonly name: ApiErrorName;

  readonly code: string | undefined;

  constructor(name: ApiErrorName, message: string, code?: string) {
    super(message);
    this.name = name;
    this.code = code;
  }

  toPayload(): ApiErrorPayload {
    return this.code === undefined
      ? { name: this.name, message: this.message }
      : { name: this.name, message: this.message, code: this.code };
  }
}

export function isApiErrorPayload(value: unknown): value is ApiErrorPayload {
  if (!isRecord(value)) return false;
  const candidate = value;
  return (
    typeof candidate.message === 'string' &&
    (candidate.name === 'InvalidArgument' ||
      candidate.name === 'NotFound' ||
      candidate.name === 'Unavailable' ||
      candidate.name === 'PackRefused' ||
      candidate.name === 'Internal')
  );
}
