import { z } from 'zod';
import type { IpcMainInvokeEvent } from 'electron';
import type { ArchiveStatus } from '../common/api';
import { ApiError, type ApiErrorPayload } from '../common/errors';
import { ANNOTATION_IPC_CHANNELS, IPC_CHANNELS, PACK_IPC_CHANNELS, type AnnotationMethod } from '../common/ipc';
import type { LibraryArchive, PackInstallOutcome } from '../common/library';
import type { AnnotationExportResult } from '../common/api';
import { parseAnnotationArguments } from '../common/annotation-schemas';
import type { CorpusInfo, DocumentRecord, SearchRequest, SearchResponse } from '../common/types';
import {
  describeValidationError,
  documentIdSchema,
  packIdSchema,
  packInstallOptionsSchema,
  packPathSchema,
  searchRequestSchema,
} from '../common/api-schemas';
import { toErrorPayload } from './archive-worker-protocol';
import { MAX_EXTERNAL_URL_LENGTH } from './external-links';

/**
 * Every IPC reply is an envelope: Electron turns an exception thrown in a handler into
 * an "Error invoking remote method ..." string and drops its name, so failures travel
 * as data and the preload rejects with the `{name, message}` inside.
 */
export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorPayload };

/** The archive as the IPC layer sees it (the worker client in the app, a fake in tests). */
export interface IpcBackend {
  status(): ArchiveStatus;
  corpusInfo(): Promise<CorpusInfo>;
  search(request: SearchRequest): Promise<SearchResponse>;
  getDocument(id: string): Promise<DocumentRecord | null>;
  listArchives(): Promise<LibraryArchive[]>;
}

/** Installing and removing packs as the IPC layer sees them (the main process's pack opener). */
export interface PacksIpcBackend {
  /** A file the user dropped or picked in the page (its path, from the preload's webUtils). */
  installPath(filePath: string, options: { allowDowngrade?: boolean }): Promise<PackInstallOutcome>;
  /** The native open dialog filtered to `.archive`; null when cancelled. */
  chooseAndInstall(options: { allowDowngrade?: boolean }): Promise<PackInstallOutcome | null>;
  removeArchive(id: string): Promise<void>;
}

/** What an export produced in the worker, before the user chose where to save it. */
export interface ExportedAnnotations {
  content: string;
  mime: string;
  extension: string;
}

/** The annotations as the IPC layer sees them: calls forwarded to the worker, plus the save dialog. */
export interface AnnotationsIpcBackend {
  call(method: AnnotationMethod, args: unknown[]): Promise<unknown>;
  /** Asks where to save (native dialog) and writes the file in the main process. */
  saveExport(exported: ExportedAnnotations): Promise<AnnotationExportResult>;
}

export interface IpcDeps {
  backend: IpcBackend;
  /** Absent: the annotation channels are not registered. */
  annotations?: AnnotationsIpcBackend;
  /** Absent: the pack channels are not registered. */
  packs?: PacksIpcBackend;
  /** True only for the top frame of our window showing an app:// page. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  /** The confirm-then-open flow; resolves when the dialog is closed. */
  openExternal(url: string): Promise<void>;
}

export interface IpcRegistrar {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

const noArguments = z.tuple([]);
const searchArguments = z.tuple([searchRequestSchema]);
const documentArguments = z.tuple([documentIdSchema]);
const externalUrlArguments = z.tuple([z.string().min(1).max(MAX_EXTERNAL_URL_LENGTH)]);
const installPathArguments = z.tuple([packPathSchema, packInstallOptionsSchema]);
const chooseArguments = z.tuple([packInstallOptionsSchema]);
const removeArguments = z.tuple([packIdSchema]);

/**
 * Validates the argument list against a tuple schema. The message names the field:
 * the argument's position is replaced by its name (`Invalid id: ...`) or, inside an
 * object argument, dropped (`Invalid filters.year: ...`, not `Invalid 0.filters.year`).
 */
function parseArguments<T>(schema: z.ZodType<T>, args: unknown[], names: readonly string[]): T {
  if (args.length !== names.length) {
    const expected = names.length === 0 ? 'no arguments' : `${names.length} argument(s) (${names.join(', ')})`;
    throw new ApiError('InvalidArgument', `Invalid request: expected ${expected}, received ${args.length}.`);
  }
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue && issue.path.length === 1 && typeof issue.path[0] === 'number') {
    const name = names[issue.path[0]] ?? 'request';
    throw new ApiError('InvalidArgument', `Invalid ${name}: ${issue.message}`);
  }
  if (issue && issue.path.length > 1) {
    const withoutIndex = new z.ZodError([{ ...issue, path: issue.path.slice(1) }]);
    throw new ApiError('InvalidArgument', describeValidationError(withoutIndex));
  }
  throw new ApiError('InvalidArgument', describeValidationError(result.error));
}

/** Checks the sender, validates, runs; never throws across the boundary. */
function handler<T>(
  deps: IpcDeps,
  run: (args: unknown[]) => Promise<T> | T,
): (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcEnvelope<T>> {
  return async (event, ...args) => {
    try {
      if (!deps.isTrustedSender(event)) {
        throw new ApiError('InvalidArgument', 'Refused: the request did not come from the app window.');
      }
      return { ok: true, value: await run(args) };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  };
}

/** Registers one handler per ArchiveApi method; the only place IPC enters the main process. */
export function registerIpcHandlers(ipc: IpcRegistrar, deps: IpcDeps): void {
  const { backend } = deps;
  ipc.handle(
    IPC_CHANNELS.status,
    handler(deps, (args) => {
      parseArguments(noArguments, args, []);
      return backend.status();
    }),
  );
  ipc.handle(
    IPC_CHANNELS.corpusInfo,
    handler(deps, (args) => {
      parseArguments(noArguments, args, []);
      return backend.corpusInfo();
    }),
  );
  ipc.handle(
    IPC_CHANNELS.search,
    handler(deps, (args) => {
      const [request] = parseArguments(searchArguments, args, ['request']);
      return backend.search(request);
    }),
  );
  ipc.handle(
    IPC_CHANNELS.getDocument,
    handler(deps, (args) => {
      const [id] = parseArguments(documentArguments, args, ['id']);
      return backend.getDocument(id);
    }),
  );
  ipc.handle(
    IPC_CHANNELS.openExternal,
    handler(deps, (args) => {
      const [url] = parseArguments(externalUrlArguments, args, ['url']);
      return deps.openExternal(url);
    }),
  );
  ipc.handle(
    IPC_CHANNELS.listArchives,
    handler(deps, (args) => {
      parseArguments(noArguments, args, []);
      return backend.listArchives();
    }),
  );
  if (deps.annotations) registerAnnotationHandlers(ipc, deps, deps.annotations);
  if (deps.packs) registerPackHandlers(ipc, deps, deps.packs);
}

function registerPackHandlers(ipc: IpcRegistrar, deps: IpcDeps, packs: PacksIpcBackend): void {
  ipc.handle(
    PACK_IPC_CHANNELS.installPath,
    handler(deps, (args) => {
      const [filePath, options] = parseArguments(installPathArguments, args, ['path', 'options']);
      return packs.installPath(filePath, options);
    }),
  );
  ipc.handle(
    PACK_IPC_CHANNELS.chooseAndInstall,
    handler(deps, (args) => {
      const [options] = parseArguments(chooseArguments, args, ['options']);
      return packs.chooseAndInstall(options);
    }),
  );
  ipc.handle(
    PACK_IPC_CHANNELS.removeArchive,
    handler(deps, (args) => {
      const [id] = parseArguments(removeArguments, args, ['id']);
      return packs.removeArchive(id);
    }),
  );
}

function registerAnnotationHandlers(ipc: IpcRegistrar, deps: IpcDeps, annotations: AnnotationsIpcBackend): void {
  for (const [method, channel] of Object.entries(ANNOTATION_IPC_CHANNELS) as Array<[AnnotationMethod, string]>) {
    ipc.handle(
      channel,
      handler(deps, async (args) => {
        // Validated here too: the worker trusts only the main process, the main process trusts no renderer.
        const parsed = parseAnnotationArguments(method, args);
        const value = await annotations.call(method, parsed);
        if (method === 'exportAnnotations') return annotations.saveExport(value as ExportedAnnotations);
        return value;
      }),
    );
  }
}

/** What the sender check reads from an event (narrow, so tests can build one). */
export interface SenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * The sender must be our window's WebContents, its top frame, on app://app. A page that
 * somehow navigated elsewhere, an iframe, or another window gets nothing.
 */
export function isTrustedSenderOf(windowContentsId: () => number | null, isAppUrl: (url: string) => boolean) {
  return (event: SenderInfo): boolean => {
    const expected = windowContentsId();
    if (expected === null || event.sender.id !== expected) return false;
    const frame = event.senderFrame;
    if (frame === null || frame.parent !== null) return false;
    return isAppUrl(frame.url);
  };
}
