import type { ApiErrorPayload } from '../common/errors';
import { ApiError, isApiErrorPayload } from '../common/errors';
import type { CorpusInfo, DocumentRecord, SearchRequest, SearchResponse } from '../common/types';
import type { Archive } from '../core/archive';
import type { AssetBytes } from './asset-protocol';
import type { AnnotationMethod } from '../common/ipc';
import type { AnnotationService } from '../core/annotation-service';

/**
 * Messages between the main process and the archive worker. The worker owns the
 * SQLite connection and the Lunr index, so opening a large corpus or running a slow
 * query never freezes the window. Arguments arrive here already validated by the IPC
 * layer; the worker trusts only the main process.
 */
export interface WorkerMethods {
  corpusInfo: { args: []; result: CorpusInfo };
  search: { args: [SearchRequest]; result: SearchResponse };
  getDocument: { args: [string]; result: DocumentRecord | null };
  getAsset: { args: [string]; result: AssetBytes | null };
  /** One `AnnotationsApi` call, run by the annotation service that lives in this same worker. */
  annotations: { args: [AnnotationMethod, unknown[]]; result: unknown };
}

export type WorkerMethod = keyof WorkerMethods;

export type WorkerRequest = {
  [M in WorkerMethod]: { id: number; method: M; args: WorkerMethods[M]['args'] };
}[WorkerMethod];

export type WorkerReply =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: ApiErrorPayload };

/** Sent once, first: whether the archive opened. */
export type WorkerStartup = { kind: 'ready' } | { kind: 'failed'; message: string };

export type WorkerMessage = WorkerReply | WorkerStartup;

/** Any thrown value as the `{name, message}` that crosses the boundary. */
export function toErrorPayload(error: unknown): ApiErrorPayload {
  if (error instanceof ApiError) return error.toPayload();
  if (isApiErrorPayload(error)) return { name: error.name, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'Internal', message };
}

/** Runs one request against the open archive; never throws. */
export function answerWorkerRequest(archive: Archive, request: WorkerRequest): WorkerReply {
  try {
    return { kind: 'result', id: request.id, ok: true, value: runMethod(archive, request) };
  } catch (error) {
    return { kind: 'result', id: request.id, ok: false, error: toErrorPayload(error) };
  }
}

/**
 * Runs one annotation request. `service` settles once the user database is open (or failed
 * to open: every call then rejects with `Unavailable` and the reason).
 */
export async function answerAnnotationRequest(
  service: Promise<AnnotationService>,
  request: Extract<WorkerRequest, { method: 'annotations' }>,
): Promise<WorkerReply> {
  try {
    const [method, args] = request.args;
    const value = await (await service).call(method, args);
    return { kind: 'result', id: request.id, ok: true, value };
  } catch (error) {
    return { kind: 'result', id: request.id, ok: false, error: toErrorPayload(error) };
  }
}

function runMethod(archive: Archive, request: WorkerRequest): unknown {
  switch (request.method) {
    case 'annotations':
      throw new ApiError('Internal', 'Annotation requests are answered by answerAnnotationRequest.');
    case 'corpusInfo':
      return archive.info;
    case 'search':
      return archive.search(request.args[0]);
    case 'getDocument':
      return archive.getDocument(request.args[0]);
    case 'getAsset': {
      const asset = archive.getAsset(request.args[0]);
      // A Buffer would arrive as a plain Uint8Array anyway; say so in the type.
      return asset === null ? null : { mime: asset.mime, bytes: new Uint8Array(asset.bytes) };
    }
  }
}
