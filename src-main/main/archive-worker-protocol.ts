import type { ArchiveStatus } from '../common/api';
import { callHandler, parseApiArguments } from '../common/api-methods';
import { ApiError, type ApiErrorPayload } from '../common/errors';
import { isArchiveMethod, type ArchiveHandlers, type ArchiveMethod } from '../core/api/archive-handlers';
import { toApiErrorPayload } from '../core/api/error-payload';

/**
 * Messages between the main process and the archive worker, derived from the method table:
 * a request names a method of the table the archive answers and carries its argument list.
 * The worker owns the SQLite connections and the search index, so opening a large corpus or
 * running a slow query never freezes the window.
 */
export interface WorkerRequest {
  id: number;
  method: ArchiveMethod;
  args: readonly unknown[];
}

export type WorkerReply =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: ApiErrorPayload };

/**
 * The session's status: sent first (ready, or the start-up screen's error), then again whenever
 * a call changed it (the first pack installed into an empty library), before that call's reply.
 */
export interface WorkerStatus {
  kind: 'status';
  status: ArchiveStatus;
}

export type WorkerMessage = WorkerReply | WorkerStatus;

/**
 * Runs one request on the session's handlers; never throws. The arguments are validated again
 * here: the worker trusts only the main process, and parsing is what types them.
 */
export async function answerWorkerRequest(handlers: ArchiveHandlers, request: WorkerRequest): Promise<WorkerReply> {
  try {
    if (!isArchiveMethod(request.method)) {
      throw new ApiError('InvalidArgument', `Unknown archive method ${String(request.method)}.`);
    }
    const value = await answer(handlers, request.method, request.args);
    return { kind: 'result', id: request.id, ok: true, value };
  } catch (error) {
    return { kind: 'result', id: request.id, ok: false, error: toApiErrorPayload(error) };
  }
}

function answer<M extends ArchiveMethod>(handlers: ArchiveHandlers, method: M, args: readonly unknown[]) {
  return callHandler(handlers, method, parseApiArguments(method, args));
}
