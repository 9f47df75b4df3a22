import { ApiError, type ApiErrorName, type ApiErrorPayload } from '../common/errors';
import { PackError } from '../core/packs/pack-error';
import { toApiErrorPayload } from '../core/api/error-payload';
import { SearchBusyError } from './search-pool';

/** The HTTP status of each kind of API error. */
export const STATUS_OF_ERROR: Record<ApiErrorName, number> = {
  InvalidArgument: 400,
  NotFound: 404,
  Unavailable: 503,
  Internal: 500,
  // The request was well formed; the pack file it carried is not acceptable.
  PackRefused: 422,
};

/** An answer that is not the result: a status, the API's error shape, and the headers that go with it. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly payload: ApiErrorPayload,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(payload.message);
  }
}

export function problem(name: ApiErrorName, message: string): HttpProblem {
  return new HttpProblem(STATUS_OF_ERROR[name], { name, message });
}

/** A refusal of the request itself (wrong origin, missing token, a method the route does not take). */
export function refusal(status: 403 | 405 | 413 | 429, message: string, headers: Record<string, string> = {}) {
  return new HttpProblem(status, { name: status === 429 ? 'Unavailable' : 'InvalidArgument', message }, headers);
}

/**
 * What a client may be told about a failed call: the core's own refusals (`ApiError`, a refused
 * pack) and a busy search pool keep their sentence and code; anything else is a bug or a broken
 * disk, answered 500 by the server with a generic sentence (and logged for the owner), so null.
 */
export function httpProblemOf(error: unknown): HttpProblem | null {
  if (error instanceof HttpProblem) return error;
  if (error instanceof SearchBusyError) {
    return new HttpProblem(
      503,
      { name: 'Unavailable', message: error.message },
      {
        'Retry-After': String(error.retryAfterSeconds),
      },
    );
  }
  if (error instanceof PackError || (error instanceof ApiError && error.name !== 'Internal')) {
    const payload = toApiErrorPayload(error);
    return new HttpProblem(STATUS_OF_ERROR[payload.name], payload);
  }
  return null;
}
