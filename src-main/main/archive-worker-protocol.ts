import type { ApiErrorPayload } from '../common/errors';
import { ApiError, isApiErrorPayload } from '../common/errors';
import type { CorpusInfo, DocumentRecord, SearchRequest, SearchResponse } from '../common/types';
import type { Archive } from '../core/archive';
import type { AssetBytes } from './asset-protocol';
import type { AnnotationMethod } from '../common/ipc';
import type { AnnotationService } from '../core/annotation-service';
import type { CorpusProblem, LibraryArchive, PackInstallOutcome } from '../common/library';
import type { ArchiveReanchor } from '../core/library';

/**
 * The library as the worker uses it (`openLibrary` in the core): one merged archive over the
 * bundled corpus and the installed packs, plus pack management. Narrow, so tests can fake it.
 */
export interface WorkerLibrary {
  readonly archive: Archive;
  list(): LibraryArchive[];
  install(
    packPath: string,
    options: { allowDowngrade: boolean; allowUntrusted?: boolean; reanchor?: ArchiveReanchor },
  ): Promise<PackInstallOutcome>;
  remove(id: string, options?: { reanchor?: ArchiveReanchor }): Promise<unknown>;
}

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
  listArchives: { args: []; result: LibraryArchive[] };
  /** Verifies and installs a pack file (a path the main process vouches for). */
  installPack: { args: [string, { allowDowngrade: boolean; allowUntrusted?: boolean }]; result: PackInstallOutcome };
  removeArchive: { args: [string]; result: null };
}

/** Requests that change the library: queued with the annotation calls (re-anchoring writes notes). */
export type LibraryRequest = Extract<WorkerRequest, { method: 'installPack' | 'removeArchive' }>;

export type WorkerMethod = keyof WorkerMethods;

export type WorkerRequest = {
  [M in WorkerMethod]: { id: number; method: M; args: WorkerMethods[M]['args'] };
}[WorkerMethod];

export type WorkerReply =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: ApiErrorPayload };

/**
 * Sent once, first: whether the archive opened. `problems`: archives of the library that could
 * not be opened while others could (the page shows a banner). `acceptsPacks`: nothing could be
 * opened but the library is open and empty, so `installPack`/`listArchives` still work; after
 * the first successful install the worker sends `ready` (a second startup message).
 */
export type WorkerStartup =
  | { kind: 'ready'; problems?: CorpusProblem[] }
  | { kind: 'failed'; message: string; problem?: CorpusProblem; acceptsPacks?: boolean };

/** The calls an empty library (nothing opened, `acceptsPacks`) still answers. */
export const EMPTY_LIBRARY_METHODS: ReadonlySet<WorkerMethod> = new Set<WorkerMethod>(['installPack', 'listArchives']);

export type WorkerMessage = WorkerReply | WorkerStartup;

/** Any thrown value as the `{name, message}` that crosses the boundary. */
export function toErrorPayload(error: unknown): ApiErrorPayload {
  if (error instanceof ApiError) return error.toPayload();
  // A refused pack (the core's PackError): the UI words the reason by its code, in its own language.
  if (isRefusedPack(error)) return { name: 'PackRefused', message: error.message, code: error.code };
  if (isApiErrorPayload(error)) {
    return typeof error.code === 'string'
      ? { name: error.name, message: error.message, code: error.code }
      : { name: error.name, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'Internal', message };
}

function isRefusedPack(error: unknown): error is Error & { code: string } {
  return error instanceof Error && error.name === 'PackError' && typeof (error as { code?: unknown }).code === 'string';
}

/** Runs one request against the open library's merged archive; never throws. */
export function answerWorkerRequest(
  library: Pick<WorkerLibrary, 'archive' | 'list'>,
  request: WorkerRequest,
): WorkerReply {
  try {
    return { kind: 'result', id: request.id, ok: true, value: runMethod(library, request) };
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

/**
 * Installs or removes a pack; never throws. `reanchor` (from the annotation service, when it
 * opened) moves the user's notes onto the new text or marks them orphaned.
 */
export async function answerLibraryRequest(
  library: WorkerLibrary,
  request: LibraryRequest,
  reanchor?: ArchiveReanchor,
): Promise<WorkerReply> {
  try {
    const withReanchor = reanchor ? { reanchor } : {};
    if (request.method === 'installPack') {
      const [packPath, options] = request.args;
      return {
        kind: 'result',
        id: request.id,
        ok: true,
        value: await library.install(packPath, { ...options, ...withReanchor }),
      };
    }
    await library.remove(request.args[0], withReanchor);
    return { kind: 'result', id: request.id, ok: true, value: null };
  } catch (error) {
    return { kind: 'result', id: request.id, ok: false, error: toErrorPayload(error) };
  }
}

function runMethod(library: Pick<WorkerLibrary, 'archive' | 'list'>, request: WorkerRequest): unknown {
  const { archive } = library;
  switch (request.method) {
    case 'annotations':
      throw new ApiError('Internal', 'Annotation requests are answered by answerAnnotationRequest.');
    case 'installPack':
    case 'removeArchive':
      throw new ApiError('Internal', 'Library changes are answered by answerLibraryRequest.');
    case 'listArchives':
      return library.list();
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
