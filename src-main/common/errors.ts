/**
 * Errors that cross a process or network boundary travel as `{name, message}`;
 * the UI shows `message` as a sentence, never a stack trace.
 */
export type ApiErrorName = 'InvalidArgument' | 'NotFound' | 'Unavailable' | 'Internal';

export interface ApiErrorPayload {
  name: ApiErrorName;
  message: string;
}

export class ApiError extends Error {
  override readonly name: ApiErrorName;

  constructor(name: ApiErrorName, message: string) {
    super(message);
    this.name = name;
  }

  toPayload(): ApiErrorPayload {
    return { name: this.name, message: this.message };
  }
}

export function isApiErrorPayload(value: unknown): value is ApiErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.message === 'string' &&
    (candidate.name === 'InvalidArgument' ||
      candidate.name === 'NotFound' ||
      candidate.name === 'Unavailable' ||
      candidate.name === 'Internal')
  );
}
