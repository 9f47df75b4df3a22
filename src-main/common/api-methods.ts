import * as z from 'zod';
import type { AnnotationExportResult, ArchiveStatus, UserDataStatus } from './api';
import type { Annotation, BackupInfo, ImportSummary } from './annotations';
import type { LibraryArchive, PackInstallOutcome } from './library';
import type { CorpusInfo, DocumentRecord, SearchResponse } from './types';
import { ApiError } from './errors';
import { MAX_EXTERNAL_URL_LENGTH, MAX_IMPORT_BYTES } from './limits';
import {
  assetIdSchema,
  describeValidationError,
  documentIdSchema,
  packIdSchema,
  packInstallOptionsSchema,
  packPathSchema,
  searchRequestSchema,
} from './api-schemas';
import {
  annotationChangesSchema,
  annotationIdSchema,
  annotationQuerySchema,
  annotationSchema,
  backupNameSchema,
  documentIdListSchema,
  exportFormatSchema,
  exportLabelsSchema,
  importTextSchema,
  newAnnotationSchema,
  spanSchema,
} from './annotation-schemas';
import {
  activitySettingsChangesSchema,
  collectionIdSchema,
  collectionNameSchema,
  newSavedSearchSchema,
  readingPositionInputSchema,
  searchRecordSchema,
  type ActivitySettings,
  type Collection,
  type ReadingPosition,
  type SavedSearch,
  type SearchHistoryEntry,
} from './collections';
import { passphraseSchema } from './passphrase-schema';

/**
 * THE method table: every call between the UI and the archive, once. Each entry gives the
 * argument list (a zod tuple, validated wherever a call enters a process), the argument names
 * (for messages like `Invalid id: ...`), the result type, and how each transport carries it:
 * its IPC channel (Electron) and its HTTP route (browser mode). The IPC handlers, the preload,
 * the archive worker's protocol, the HTTP routes and the browser client are all derived from
 * it, so adding a method is one entry here plus its handler.
 *
 * Results are not re-validated: they come from our own core, and re-parsing a search response
 * on every keystroke would cost more than it could catch. `result` carries their type only.
 */

/** An image as the archive returns it (asset:// in Electron, `/api/assets/<id>` in browser mode). */
export interface AssetBytes {
  mime: string;
  bytes: Uint8Array;
}

/**
 * How browser mode carries a method over HTTP:
 * - `get`: `GET path`, no arguments;
 * - `get-id`: `GET path<id>`, the one argument in the path (404 answers null where the result may be null);
 * - `get-bytes`: like `get-id`, but the answer is the bytes themselves under their own type (images);
 * - `get-query`: `GET path?field=<json>&…`, the one object argument in the query string (a POST of
 *   its JSON when too long for a URL);
 * - `post-args`: `POST path` with the JSON array of arguments (owner-only: annotations);
 * - `upload`: `POST path` with a file as the raw body (owner-only: packs);
 * - `delete-id`: `DELETE path<id>` (owner-only: packs).
 */
export type HttpBinding =
  | { kind: 'get'; path: string }
  | { kind: 'get-id'; path: string }
  | { kind: 'get-bytes'; path: string }
  | { kind: 'post-args'; path: string }
  | { kind: 'upload'; path: string }
  | { kind: 'delete-id'; path: string }
  /**
   * One object argument in the query string of a GET, each field's JSON as a parameter
   * (`?query=%22agua%22&limit=5`): no body to upload and no Content-Type or Origin header, the
   * smallest request a keystroke's search can be. One too long for a URL (a long query, many
   * filters) is sent as a POST of the JSON object instead, which the route also takes.
   */
  | { kind: 'get-query'; path: string };

/** Which part of `ArchiveApi` a method belongs to (the renderer sees annotations and packs as nested objects). */
export type MethodGroup = 'archive' | 'annotations' | 'packs';

interface MethodSpec<
  Args extends readonly unknown[],
  Result,
  Group extends MethodGroup = MethodGroup,
  Http extends HttpBinding | undefined = HttpBinding | undefined,
> {
  group: Group;
  args: z.ZodType<Args>;
  names: readonly string[];
  /** Fewer arguments accepted (optional trailing ones); defaults to `names.length`. */
  minArgs?: number;
  result: z.ZodType<Result>;
  /** Electron: the channel the preload invokes. Absent: not offered to the page over IPC. */
  ipc?: string;
  /** Browser mode: the route. Absent: not offered over HTTP. */
  http?: Http;
  /**
   * Seconds of deliberate work (a key derivation, the notes encrypted or copied whole): the page
   * waits longer for it than for a quick call before it calls the server unreachable.
   */
  slow?: true;
}

/** Infers the tuple and result types of one entry while keeping its literal channel and route. */
function method<
  const Args extends readonly unknown[],
  Result,
  const Group extends MethodGroup,
  const Http extends HttpBinding | undefined = undefined,
>(spec: MethodSpec<Args, Result, Group, Http>): MethodSpec<Args, Result, Group, Http> {
  return spec;
}

const result = <T>() => z.custom<T>(() => true);
const none = z.tuple([]);
/** A result that carries nothing: whatever crossed the wire is dropped. */
const done = z.unknown().transform((): void => undefined);
/** A plain file name the page proposes: no folder, no leading dot, a short extension. */
const exportFileNameSchema = z
  .string()
  .max(120)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*\.[a-z]{2,8}$/u, 'a file name such as citas.bib');
const annotationRoute = <const Name extends string>(name: Name) =>
  ({ kind: 'post-args', path: `/api/annotations/${name}` }) as const;

export const API_METHODS = {
  /** Whether the corpus and its search index are loaded (they load off the UI thread). */
  status: method({
    group: 'archive',
    args: none,
    names: [],
    result: result<ArchiveStatus>(),
    ipc: 'archive:status',
    http: { kind: 'get', path: '/api/status' },
  }),
  corpusInfo: method({
    group: 'archive',
    args: none,
    names: [],
    result: result<CorpusInfo>(),
    ipc: 'archive:corpus-info',
    http: { kind: 'get', path: '/api/corpus' },
  }),
  search: method({
    group: 'archive',
    args: z.tuple([searchRequestSchema]),
    names: ['request'],
    result: result<SearchResponse>(),
    ipc: 'archive:search',
    http: { kind: 'get-query', path: '/api/search' },
  }),
  /** Null when no document has that id. */
  getDocument: method({
    group: 'archive',
    args: z.tuple([documentIdSchema]),
    names: ['id'],
    result: result<DocumentRecord | null>(),
    ipc: 'archive:get-document',
    http: { kind: 'get-id', path: '/api/documents/' },
  }),
  /** Served as images, never to the page as data: asset:// in Electron, an image URL in browser mode. */
  getAsset: method({
    group: 'archive',
    args: z.tuple([assetIdSchema]),
    names: ['id'],
    result: result<AssetBytes | null>(),
    http: { kind: 'get-bytes', path: '/api/assets/' },
  }),
  /** The bundled corpus and every installed pack, bundled first. */
  listArchives: method({
    group: 'archive',
    args: none,
    names: [],
    result: result<LibraryArchive[]>(),
    ipc: 'library:list',
    http: { kind: 'get', path: '/api/archives' },
  }),
  /** Electron only: the main process asks the user to confirm the URL, then opens it. */
  openExternal: method({
    group: 'archive',
    args: z.tuple([z.string().min(1).max(MAX_EXTERNAL_URL_LENGTH)]),
    names: ['url'],
    result: done,
    ipc: 'app:open-external',
  }),
  /**
   * Electron only: asks where to save a file the page wrote (citations, a result list) in the
   * native save dialog, then writes it. Browser mode downloads the file in the page instead.
   */
  saveExport: method({
    group: 'archive',
    args: z.tuple([z.string().max(MAX_IMPORT_BYTES), exportFileNameSchema]),
    names: ['content', 'fileName'],
    result: result<AnnotationExportResult>(),
    ipc: 'app:save-export',
  }),

  listAnnotations: method({
    group: 'annotations',
    args: z.tuple([documentIdSchema]),
    names: ['documentId'],
    result: result<Annotation[]>(),
    ipc: 'annotations:list',
    http: annotationRoute('listAnnotations'),
  }),
  createAnnotation: method({
    group: 'annotations',
    args: z.tuple([newAnnotationSchema]),
    names: ['annotation'],
    result: result<Annotation>(),
    ipc: 'annotations:create',
    http: annotationRoute('createAnnotation'),
  }),
  updateAnnotation: method({
    group: 'annotations',
    args: z.tuple([annotationIdSchema, annotationChangesSchema]),
    names: ['id', 'changes'],
    result: result<Annotation>(),
    ipc: 'annotations:update',
    http: annotationRoute('updateAnnotation'),
  }),
  moveAnnotation: method({
    group: 'annotations',
    args: z.tuple([annotationIdSchema, spanSchema]),
    names: ['id', 'span'],
    result: result<Annotation>(),
    ipc: 'annotations:move',
    http: annotationRoute('moveAnnotation'),
  }),
  deleteAnnotation: method({
    group: 'annotations',
    args: z.tuple([annotationIdSchema]),
    names: ['id'],
    result: result<boolean>(),
    ipc: 'annotations:delete',
    http: annotationRoute('deleteAnnotation'),
  }),
  restoreAnnotation: method({
    group: 'annotations',
    args: z.tuple([annotationSchema]),
    names: ['annotation'],
    result: result<Annotation>(),
    ipc: 'annotations:restore',
    http: annotationRoute('restoreAnnotation'),
  }),
  searchAnnotations: method({
    group: 'annotations',
    args: z.tuple([annotationQuerySchema]),
    names: ['filter'],
    result: result<Annotation[]>(),
    ipc: 'annotations:search',
    http: annotationRoute('searchAnnotations'),
  }),
  countAnnotations: method({
    group: 'annotations',
    args: z.tuple([documentIdListSchema]),
    names: ['documentIds'],
    result: result<Record<string, number>>(),
    ipc: 'annotations:count',
    http: annotationRoute('countAnnotations'),
  }),
  /**
   * The archive answers `{kind: 'content'}` (browser mode hands it to the page as a download);
   * Electron's main process turns it into a save dialog (`saved` or `cancelled`).
   */
  exportAnnotations: method({
    group: 'annotations',
    args: z.tuple([
      exportFormatSchema,
      annotationQuerySchema,
      exportLabelsSchema.optional(),
      passphraseSchema.optional(),
    ]),
    names: ['format', 'filter', 'labels', 'passphrase'],
    minArgs: 2,
    result: result<AnnotationExportResult>(),
    ipc: 'annotations:export',
    http: annotationRoute('exportAnnotations'),
    slow: true,
  }),
  importAnnotations: method({
    group: 'annotations',
    args: z.tuple([importTextSchema, passphraseSchema.optional()]),
    names: ['jsonText', 'passphrase'],
    minArgs: 1,
    result: result<ImportSummary>(),
    ipc: 'annotations:import',
    http: annotationRoute('importAnnotations'),
    slow: true,
  }),
  listBackups: method({
    group: 'annotations',
    args: none,
    names: [],
    result: result<BackupInfo[]>(),
    ipc: 'annotations:list-backups',
    http: annotationRoute('listBackups'),
  }),
  restoreBackup: method({
    group: 'annotations',
    args: z.tuple([backupNameSchema]),
    names: ['name'],
    result: done,
    ipc: 'annotations:restore-backup',
    http: annotationRoute('restoreBackup'),
    slow: true,
  }),
  userDataStatus: method({
    group: 'annotations',
    args: none,
    names: [],
    result: result<UserDataStatus>(),
    ipc: 'annotations:user-data-status',
    http: annotationRoute('userDataStatus'),
  }),
  /** Encrypted user data: opens it with the passphrase (issue 17). Rejects with code `wrong-passphrase`. */
  unlockUserData: method({
    group: 'annotations',
    args: z.tuple([passphraseSchema]),
    names: ['passphrase'],
    result: done,
    ipc: 'annotations:unlock',
    http: annotationRoute('unlockUserData'),
    slow: true,
  }),
  /** Closes the encrypted user database and forgets its passphrase until unlockUserData. */
  lockUserData: method({
    group: 'annotations',
    args: none,
    names: [],
    result: done,
    ipc: 'annotations:lock',
    http: annotationRoute('lockUserData'),
  }),
  /** Turns encryption on (current null, next the new passphrase) or off (current given, next null). */
  setUserDataEncryption: method({
    group: 'annotations',
    args: z.tuple([passphraseSchema.nullable(), passphraseSchema.nullable()]),
    names: ['current', 'next'],
    result: done,
    ipc: 'annotations:set-encryption',
    http: annotationRoute('setUserDataEncryption'),
    slow: true,
  }),
  /** "Not now" to the first-start question about encrypting the notes: it is not asked again. */
  answerEncryptionQuestion: method({
    group: 'annotations',
    args: none,
    names: [],
    result: done,
    ipc: 'annotations:answer-encryption-question',
    http: annotationRoute('answerEncryptionQuestion'),
  }),
  /** Collections, saved searches, history and reading positions: the owner's data, like the notes. */
  listCollections: method({
    group: 'annotations',
    args: none,
    names: [],
    result: result<Collection[]>(),
    ipc: 'annotations:list-collections',
    http: annotationRoute('listCollections'),
  }),
  createCollection: method({
    group: 'annotations',
    args: z.tuple([collectionNameSchema, z.array(documentIdSchema).max(1000).optional()]),
    names: ['name', 'documentIds'],
    minArgs: 1,
    result: result<Collection>(),
    ipc: 'annotations:create-collection',
    http: annotationRoute('createCollection'),
  }),
  renameCollection: method({
    group: 'annotations',
    args: z.tuple([collectionIdSchema, collectionNameSchema]),
    names: ['id', 'name'],
    result: result<Collection>(),
    ipc: 'annotations:rename-collection',
    http: annotationRoute('renameCollection'),
  }),
  deleteCollection: method({
    group: 'annotations',
    args: z.tuple([collectionIdSchema]),
    names: ['id'],
    result: result<boolean>(),
    ipc: 'annotations:delete-collection',
    http: annotationRoute('deleteCollection'),
  }),
  setCollectionMembership: method({
    group: 'annotations',
    args: z.tuple([collectionIdSchema, documentIdSchema, z.boolean()]),
    names: ['id', 'documentId', 'member'],
    result: result<Collection>(),
    ipc: 'annotations:set-collection-membership',
    http: annotationRoute('setCollectionMembership'),
  }),
  listSavedSearches: method({
    group: 'annotations',
    args: none,
    names: [],
    result: result<SavedSearch[]>(),
    ipc: 'annotations:list-saved-searches',
    http: annotationRoute('listSavedSearches'),
  }),
  saveSearch: method({
    group: 'annotations',
    args: z.tuple([newSavedSearchSchema]),
    names: ['search'],
    result: result<SavedSearch>(),
    ipc: 'annotations:save-search',
    http: annotationRoute('saveSearch'),
  }),
  deleteSavedSearch: method({
    group: 'annotations',
    args: z.tuple([collectionIdSchema]),
    names: ['id'],
    result: result<boolean>(),
    ipc: 'annotations:delete-saved-search',
    http: annotationRoute('deleteSavedSearch'),
  }),
  activitySettings: method({
    group: 'annotations',
    args: none,
    names: [],
    result: result<ActivitySettings>(),
    ipc: 'annotations:activity-settings',
    http: annotationRoute('activitySettings'),
  }),
  /** Turning a setting off erases what it kept (history or reading positions). */
  updateActivitySettings: method({
    group: 'annotations',
    args: z.tuple([activitySettingsChangesSchema]),
    names: ['changes'],
    result: result<ActivitySettings>(),
    ipc: 'annotations:update-activity-settings',
    http: annotationRoute('updateActivitySettings'),
  }),
  /** Kept only while search history is on; answers whether it was kept. */
  recordSearch: method({
    group: 'annotations',
    args: z.tuple([searchRecordSchema]),
    names: ['search'],
    result: result<boolean>(),
    ipc: 'annotations:record-search',
    http: annotationRoute('recordSearch'),
  }),
  searchHistory: method({
    group: 'annotations',
    args: none,
    names: [],
    result: result<SearchHistoryEntry[]>(),
    ipc: 'annotations:search-history',
    http: annotationRoute('searchHistory'),
  }),
  clearSearchHistory: method({
    group: 'annotations',
    args: none,
    names: [],
    result: done,
    ipc: 'annotations:clear-search-history',
    http: annotationRoute('clearSearchHistory'),
  }),
  /** Kept only while reading positions are on; answers whether it was kept. */
  saveReadingPosition: method({
    group: 'annotations',
    args: z.tuple([readingPositionInputSchema]),
    names: ['position'],
    result: result<boolean>(),
    ipc: 'annotations:save-reading-position',
    http: annotationRoute('saveReadingPosition'),
  }),
  /** Null when none is kept. */
  readingPosition: method({
    group: 'annotations',
    args: z.tuple([documentIdSchema]),
    names: ['documentId'],
    result: result<ReadingPosition | null>(),
    ipc: 'annotations:reading-position',
    http: annotationRoute('readingPosition'),
  }),
  /** "Continue reading": the documents read most recently, newest first. */
  recentReading: method({
    group: 'annotations',
    args: none,
    names: [],
    result: result<ReadingPosition[]>(),
    ipc: 'annotations:recent-reading',
    http: annotationRoute('recentReading'),
  }),

  /** Verifies and installs a pack file: a path the main process vouches for, or an upload in browser mode. */
  installPack: method({
    group: 'packs',
    args: z.tuple([packPathSchema, packInstallOptionsSchema]),
    names: ['path', 'options'],
    result: result<PackInstallOutcome>(),
    ipc: 'packs:install-path',
    http: { kind: 'upload', path: '/api/packs' },
  }),
  /** Electron: File → Open archive pack… (a file dialog); null when the user cancels. */
  chooseAndInstall: method({
    group: 'packs',
    args: z.tuple([packInstallOptionsSchema]),
    names: ['options'],
    result: result<PackInstallOutcome | null>(),
    ipc: 'packs:choose-and-install',
  }),
  /** Removes an installed pack; its annotations stay (as orphans) until it is installed again. */
  removeArchive: method({
    group: 'packs',
    args: z.tuple([packIdSchema]),
    names: ['id'],
    result: done,
    ipc: 'packs:remove',
    http: { kind: 'delete-id', path: '/api/packs/' },
  }),
} as const;

export type ApiMethods = typeof API_METHODS;
export type ApiMethod = keyof ApiMethods;
export type ApiArgs<M extends ApiMethod> = z.output<ApiMethods[M]['args']>;
export type ApiResult<M extends ApiMethod> = z.output<ApiMethods[M]['result']>;

/** The methods of one group, e.g. `MethodsOf<'annotations'>`. */
export type MethodsOf<G extends MethodGroup> = {
  [M in ApiMethod]: ApiMethods[M]['group'] extends G ? M : never;
}[ApiMethod];

/** One implementation of each of `Ms`: what a transport needs to answer those calls. */
export type ApiHandlers<Ms extends ApiMethod = ApiMethod> = {
  [M in Ms]: (...args: ApiArgs<M>) => Promise<ApiResult<M>>;
};

/** One method's schemas, typed by that method alone. */
interface MethodSchemas<M extends ApiMethod> {
  args: z.ZodType<ApiArgs<M>>;
  result: z.ZodType<ApiResult<M>>;
}

/**
 * The table seen one method at a time. Indexed by a generic name `M`, this mapped type gives M's
 * own schemas, where indexing `API_METHODS` gives the union of every entry; the assignment checks
 * each entry, so no cast is needed to type what the schemas return.
 */
const SCHEMAS_BY_METHOD: { readonly [M in ApiMethod]: MethodSchemas<M> } = API_METHODS;

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API_METHODS, name);
}

/** Every method, in table order (for registering handlers). */
export const API_METHOD_NAMES: readonly ApiMethod[] = Object.keys(API_METHODS).filter(isApiMethod);

/** The methods of one group, in table order. */
export function methodsOfGroup<G extends MethodGroup>(group: G): MethodsOf<G>[] {
  return API_METHOD_NAMES.filter((name): name is MethodsOf<G> => API_METHODS[name].group === group);
}

/** Runs one call on a set of handlers; the method name picks the handler and types its arguments. */
export function callHandler<M extends ApiMethod>(
  handlers: ApiHandlers<M>,
  name: M,
  args: ApiArgs<M>,
): Promise<ApiResult<M>> {
  return handlers[name](...args);
}

/** Types a result that crossed a boundary from our own core (results are typed, not re-validated). */
export function typedResult<M extends ApiMethod>(name: M, value: unknown): ApiResult<M> {
  return SCHEMAS_BY_METHOD[name].result.parse(value);
}

/**
 * Validates an argument list against the method's schema, as every process does where a call
 * enters it. The message names the argument or the field: `Invalid id: ...`,
 * `Invalid request.filters.year: ...` is `Invalid filters.year: ...`, `Invalid changes.colour: ...`.
 */
export function parseApiArguments<M extends ApiMethod>(name: M, args: readonly unknown[]): ApiArgs<M> {
  const spec: MethodSpec<readonly unknown[], unknown> = API_METHODS[name];
  const max = spec.names.length;
  const min = spec.minArgs ?? max;
  if (args.length < min || args.length > max) {
    const count = min === max ? `${max}` : `${min} to ${max}`;
    const expected = max === 0 ? 'no arguments' : `${count} argument(s) (${spec.names.join(', ')})`;
    throw new ApiError('InvalidArgument', `Invalid request: expected ${expected}, received ${args.length}.`);
  }
  const parsed = SCHEMAS_BY_METHOD[name].args.safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = pickIssue(parsed.error);
  if (!issue) throw new ApiError('InvalidArgument', describeValidationError(parsed.error));
  const [position, ...rest] = issue.path;
  const argumentName = typeof position === 'number' ? (spec.names[position] ?? 'request') : 'request';
  // The search request is named by its fields alone (`Invalid filters.year`), as users write them.
  const where = rest.length > 0 && argumentName === 'request' ? rest.map(String) : [argumentName, ...rest.map(String)];
  throw new ApiError('InvalidArgument', `Invalid ${where.join('.')}: ${issue.message}`);
}

/** A union of tuples (export's optional labels) reports `invalid_union`; its deepest branch names the field. */
function pickIssue(error: z.ZodError): z.core.$ZodIssue | undefined {
  const first = error.issues[0];
  if (first?.code === 'invalid_union') {
    const deepest = first.errors.flat().sort((a, b) => b.path.length - a.path.length)[0];
    return deepest ?? first;
  }
  return first;
}

/** The HTTP path of a method, as a literal type (the browser client's routes are checked against it). */
export type HttpPathOf<M extends ApiMethod> = NonNullable<ApiMethods[M]['http']>['path'];
