import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import type { Archive } from '../core/archive';
import {
  assetIdSchema,
  describeValidationError,
  documentIdSchema,
  packIdSchema,
  searchRequestSchema,
} from '../common/api-schemas';
import {
  BUNDLED_ARCHIVE_ID,
  type CorpusProblem,
  type LibraryArchive,
  type PackInstallOutcome,
} from '../common/library';
import { MAX_PACK_UPLOAD_BYTES, PackUploadError, receivePackUpload } from './pack-upload';
import { securityHeadersFor } from './security-headers';
import { encodeJson } from './json-encoding';
import { createHostGuard } from './host-guard';
import { answerTokenHandOver, generateOwnerToken, OWNER_TOKEN_QUERY, requestHasOwnerToken } from './owner-token';
import {
  applyConnectionLimits,
  DEFAULT_CONNECTION_LIMITS,
  startRequestDeadline,
  type ConnectionLimits,
} from './connection-limits';
import { createPerAddressLimiter, inlineSearchRunner, SearchBusyError, type SearchRunner } from './search-pool';
import { redactPaths, redactProblem } from './redact-paths';
import { createRateLimitedLog, describeRequest, isClientAbort } from './error-log';
import { ANNOTATION_IPC_CHANNELS, ARCHIVE_CLIENT_HEADER, HTTP_ROUTES, type AnnotationMethod } from '../common/ipc';
import { OWNER_ROUTES_HEADER, type OwnerRoute } from '../common/owner-routes';
import type { AnnotationExportResult } from '../common/api';
import type { AnnotationService } from '../core/annotation-service';
import { MAX_IMPORT_BYTES } from '../core/annotations/index';
import type { ApiErrorName, ApiErrorPayload } from '../common/errors';
import type { ArchiveStatus } from '../common/api';
import { readStaticFile, type StaticFile } from './static-files';
import { joinInfo } from './join-info';

export interface ServerOptions {
  archive: Archive;
  /** 0 picks any free port. */
  port: number;
  /** 127.0.0.1 unless the user explicitly shares on a network (`0.0.0.0`). */
  host?: string;
  /** The built UI (`dist/renderer`). */
  staticDir: string;
  log: (line: string) => void;
  /**
   * The user's annotations. Served ONLY when the server is bound to a loopback address:
   * shared on a network, the archive is read-only and personal notes are not reachable at all.
   */
  annotations?: AnnotationService;
  /**
   * Set when the corpus could not be opened: `/api/status` answers with it so the page shows
   * the start-up screen (what is wrong, how to fix it) instead of the server exiting. With a
   * `library` (open but empty), only while it is empty: a pack installed from the screen makes
   * the status ready, with the library's `problems`.
   */
  startupError?: Extract<ArchiveStatus, { state: 'error' }>;
  /** The library behind `archive` (bundled corpus + packs); without it the lone corpus is listed. */
  library?: ServerLibrary;
  /** Installing and removing packs: like annotations, only for the owner's own loopback session. */
  packs?: ServerPacks;
  /** Shared on a network: host names answered besides IP literals and localhost (`--allowed-host`). */
  allowedHosts?: readonly string[];
  /** The owner routes' per-start secret; a fresh random one when not given. */
  ownerToken?: string;
  /** Where searches run (a worker pool); default: in this thread, on `archive`. */
  searchRunner?: SearchRunner;
  /** Searches one client address may have running or queued at once. */
  maxSearchesPerAddress?: number;
  limits?: Partial<ConnectionLimits>;
  /** Paths that must never reach a client in shared mode (the --db file, the user-data folder). */
  privatePaths?: readonly string[];
}

/** Options after startServer decided what this session may do. */
interface EffectiveOptions extends ServerOptions {
  loopback: boolean;
  ownerToken: string;
  port: number;
  searchRunner: SearchRunner;
  searchSlots: ReturnType<typeof createPerAddressLimiter>;
  uploadIdleMs: number;
  logError: (line: string) => void;
}

export interface ServerLibrary {
  list(): LibraryArchive[];
  /** Archives that could not be opened at start (the page shows a banner). */
  readonly problems: CorpusProblem[];
}

export interface ServerPacks {
  install(packPath: string, options: { allowDowngrade: boolean; allowUntrusted: boolean }): Promise<PackInstallOutcome>;
  remove(id: string): Promise<void>;
  /** Where uploads are received before verification (same disk as the packs folder is best). */
  uploadDir: string;
  /** Defaults to MAX_PACK_UPLOAD_BYTES. */
  maxUploadBytes?: number;
}

/** Whether this bind address is reachable only from this computer. */
export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface RunningServer {
  /** The URL to open on this machine. */
  url: string;
  /**
   * The owner's URL on loopback: `url` with `?token=…`, which the server turns into a cookie
   * (see owner-token.ts). Equal to `url` when shared on a network (there are no owner routes).
   */
  ownerUrl: string;
  /** This start's secret (also accepted in the X-Archive-Token header). */
  ownerToken: string;
  /** Every URL the server answers on (one per network address when bound to all interfaces). */
  urls: string[];
  close(): Promise<void>;
}

/** Search requests are small JSON objects; anything larger is refused before parsing. */
const MAX_BODY_BYTES = 512 * 1024;
/** An import carries a whole JSON-LD file (the core's own limit, plus the JSON array around it). */
const MAX_ANNOTATION_BODY_BYTES = MAX_IMPORT_BYTES * 2 + 1024;

const STATUS_OF_ERROR: Record<ApiErrorName, number> = {
  InvalidArgument: 400,
  NotFound: 404,
  Unavailable: 503,
  Internal: 500,
  // The request was well formed; the pack file it carried is not acceptable.
  PackRefused: 422,
};

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly payload: ApiErrorPayload,
    readonly allow?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(payload.message);
  }
}

function problem(name: ApiErrorName, message: string): HttpProblem {
  return new HttpProblem(STATUS_OF_ERROR[name], { name, message });
}

/**
 * Browser mode: the ArchiveApi as JSON over HTTP plus the built UI, read-only.
 * Every response carries the strict CSP and friends; the server itself never
 * fetches anything, it only answers.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  // Never hand the notes to a network-facing server, whatever the caller passed.
  const { annotations, packs, ...rest } = options;
  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const ownerToken = options.ownerToken ?? generateOwnerToken();
  const hostAllowed = createHostGuard({ loopbackSession: loopback, allowedHosts: options.allowedHosts ?? [] });
  const logError = createRateLimitedLog(options.log);
  let port = 0;
  const effective = (): EffectiveOptions => ({
    ...rest,
    ...(loopback && annotations ? { annotations } : {}),
    ...(loopback && packs ? { packs } : {}),
    loopback,
    ownerToken,
    port,
    searchRunner: options.searchRunner ?? inlineSearchRunner(options.archive),
    searchSlots: createPerAddressLimiter(options.maxSearchesPerAddress ?? 4),
    uploadIdleMs: limits.uploadIdleMs,
    logError,
  });
  // Made at the first request, once listening: the owner cookie is named after the port.
  let session: EffectiveOptions | undefined;
  // Duplicate Host headers arrive comma-joined and fail the host check instead of "first one wins".
  const server = http.createServer(
    { joinDuplicateHeaders: true, connectionsCheckingInterval: 1_000 },
    (request, response) => {
      session ??= effective();
      const current = session;
      if (!hostAllowed(request.headers.host)) {
        refuseHost(request, response);
        return;
      }
      const relaxDeadline = startRequestDeadline(request, response, limits.requestTimeoutMs);
      handle(request, response, current, relaxDeadline).catch((error: unknown) => {
        if (!isClientAbort(error)) {
          const text = error instanceof Error ? error.message : String(error);
          logError(
            `internal error on ${describeRequest(request.method, request.url)}: ${loopback ? text : redactPaths(text)}`,
          );
        }
        if (!response.headersSent && !response.destroyed)
          sendJson(response, 500, { name: 'Internal', message: 'The server failed to answer.' });
        else response.destroy();
      });
    },
  );
  // Keep-alive sockets would hold close() open for seconds in tests and CLI shutdown.
  server.keepAliveTimeout = 2_000;
  applyConnectionLimits(server, limits);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const urls = listUrls(host, port);
  const url = urls[0] ?? `http://127.0.0.1:${port}/`;
  return {
    url,
    ownerUrl: loopback ? `${url}?${OWNER_TOKEN_QUERY}=${ownerToken}` : url,
    ownerToken,
    urls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function listUrls(host: string, port: number): string[] {
  const format = (address: string) => `http://${address.includes(':') ? `[${address}]` : address}:${port}/`;
  if (host !== '0.0.0.0' && host !== '::') return [format(host)];
  const addresses = ['127.0.0.1'];
  for (const entries of Object.values(os.networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal) addresses.push(entry.address);
    }
  }
  return addresses.map(format);
}

/** A request naming a host this server was not told to answer to (DNS rebinding): nothing but a refusal. */
function refuseHost(request: http.IncomingMessage, response: http.ServerResponse): void {
  sendJson(
    response,
    403,
    { name: 'InvalidArgument', message: 'Refused: this server does not answer to that host name (Host header).' },
    request.method,
    { Connection: 'close' },
  );
}

async function handle(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  options: EffectiveOptions,
  relaxDeadline: (idleMs: number) => void,
): Promise<void> {
  try {
    const method = request.method ?? 'GET';
    const rawUrl = request.url ?? '/';
    // Absolute-form request targets (`GET http://elsewhere/...`) and anything not starting with `/` are not ours.
    if (!rawUrl.startsWith('/') || rawUrl.startsWith('//')) throw problem('NotFound', 'Not found.');
    const url = new URL(rawUrl, 'http://archive.invalid');
    const pathname = url.pathname;

    // The owner opens `/?token=…`: a cookie and a redirect to the same page without the token.
    if (
      options.loopback &&
      !pathname.startsWith('/api/') &&
      answerTokenHandOver(
        request,
        response,
        url,
        options.ownerToken,
        options.port,
        securityHeadersFor(request.headers.host),
      )
    )
      return;

    if (pathname === HTTP_ROUTES.packs || pathname.startsWith(`${HTTP_ROUTES.packs}/`)) {
      await handlePacks(
        request,
        response,
        pathname.slice(HTTP_ROUTES.packs.length + 1),
        url.searchParams,
        options,
        relaxDeadline,
      );
      return;
    }
    if (pathname.startsWith(HTTP_ROUTES.annotations)) {
      await handleAnnotations(request, response, pathname.slice(HTTP_ROUTES.annotations.length), options);
      return;
    }
    if (method === 'OPTIONS') {
      // No CORS anywhere: a preflight from another site gets no Access-Control-* header, so it fails.
      throw new HttpProblem(403, { name: 'InvalidArgument', message: 'Cross-origin requests are not allowed.' });
    }

    if (pathname === HTTP_ROUTES.search) {
      if (method !== 'POST')
        throw new HttpProblem(405, { name: 'InvalidArgument', message: 'Use POST for search.' }, 'POST');
      const body = await readJsonBody(request);
      const parsed = searchRequestSchema.safeParse(body);
      if (!parsed.success) throw problem('InvalidArgument', describeValidationError(parsed.error));
      sendJson(response, 200, await runSearch(request, parsed.data, options), method);
      return;
    }

    if (method !== 'GET' && method !== 'HEAD') {
      throw new HttpProblem(405, { name: 'InvalidArgument', message: `Method ${method} is not allowed.` }, 'GET, HEAD');
    }

    // A library that started empty stays on the start-up screen until its first pack is installed.
    if (
      pathname === HTTP_ROUTES.status &&
      options.startupError &&
      !(options.library && options.library.list().length > 0)
    ) {
      sendJson(response, 200, shareable(options.startupError, options), method, ownerRoutesHeader(request, options));
      return;
    }
    if (pathname === HTTP_ROUTES.status) {
      const problems = (options.library?.problems ?? []).map((item) =>
        options.loopback ? item : redactProblem(item, options.privatePaths),
      );
      const status: ArchiveStatus = problems.length > 0 ? { state: 'ready', problems } : { state: 'ready' };
      sendJson(response, 200, status, method, ownerRoutesHeader(request, options));
      return;
    }
    if (pathname === HTTP_ROUTES.archives) {
      // Nothing could be opened (the start-up screen explains it): an empty library.
      const archives: LibraryArchive[] = options.library
        ? options.library.list()
        : options.startupError
          ? []
          : [{ id: BUNDLED_ARCHIVE_ID, kind: 'bundled', ...options.archive.info }];
      sendJson(response, 200, archives, method);
      return;
    }
    if (pathname === HTTP_ROUTES.corpusInfo) {
      sendJson(
        response,
        200,
        callArchive(() => options.archive.info),
        method,
      );
      return;
    }
    if (pathname.startsWith(HTTP_ROUTES.document)) {
      const id = documentIdSchema.safeParse(pathname.slice(HTTP_ROUTES.document.length));
      if (!id.success)
        throw problem('InvalidArgument', describeValidationError(id.error).replace('request', 'document id'));
      const record = callArchive(() => options.archive.getDocument(id.data));
      if (record === null) throw problem('NotFound', `No document has the id ${id.data}.`);
      sendJson(response, 200, record, method);
      return;
    }
    if (pathname.startsWith(HTTP_ROUTES.asset)) {
      const id = assetIdSchema.safeParse(pathname.slice(HTTP_ROUTES.asset.length));
      if (!id.success)
        throw problem('InvalidArgument', describeValidationError(id.error).replace('request', 'asset id'));
      const asset = callArchive(() => options.archive.getAsset(id.data));
      if (asset === null) throw problem('NotFound', `No image has the id ${id.data}.`);
      // Only images leave the database under their own type; nosniff keeps the browser from guessing.
      const contentType = asset.mime.startsWith('image/') ? asset.mime : 'application/octet-stream';
      send(response, 200, contentType, asset.bytes, method, { 'Cache-Control': 'public, max-age=31536000, immutable' });
      return;
    }
    if (pathname === HTTP_ROUTES.join && isLoopbackHost(request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '')) {
      // Only the laptop's own page asks: the addresses of its interfaces are no phone's business.
      sendJson(response, 200, joinInfo(options.host ?? '127.0.0.1', request.socket.localPort ?? 0), method);
      return;
    }
    if (pathname.startsWith('/api/')) throw problem('NotFound', `No API route ${pathname}.`);

    const file = await readStaticFile(options.staticDir, pathname, request.headers['accept-encoding']);
    if (file === null) throw problem('NotFound', 'Not found.');
    sendStaticFile(request, response, file, method);
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    sendJson(response, error.status, error.payload, request.method, {
      ...error.headers,
      ...(error.allow ? { Allow: error.allow } : {}),
    });
  }
}

const ANNOTATION_METHODS = new Set<string>(Object.keys(ANNOTATION_IPC_CHANNELS));

/**
 * `POST /api/annotations/<method>`, body: the JSON array of arguments. Refused unless the
 * request carries `X-Archive-Client: 1` and `Content-Type: application/json` (a cross-site
 * form or fetch cannot send those without a preflight, which gets no CORS answer), its Host
 * names this loopback server (DNS rebinding) and any Origin is this server's own.
 */
async function handleAnnotations(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  method: string,
  options: EffectiveOptions,
): Promise<void> {
  const service = options.annotations;
  if (!service) {
    throw problem(
      'NotFound',
      'Annotations are not available here: they are kept only on the computer that runs the archive.',
    );
  }
  if (request.method === 'OPTIONS') {
    throw new HttpProblem(403, { name: 'InvalidArgument', message: 'Cross-origin requests are not allowed.' });
  }
  if (request.method !== 'POST') {
    throw new HttpProblem(405, { name: 'InvalidArgument', message: 'Use POST for annotations.' }, 'POST');
  }
  refuseForeignRequest(request, 'annotation', options);
  if (!ANNOTATION_METHODS.has(method)) throw problem('NotFound', `No annotation method ${method}.`);
  const args = await readJsonBody(request, MAX_ANNOTATION_BODY_BYTES);
  if (!Array.isArray(args))
    throw problem('InvalidArgument', 'Invalid request: the body must be a JSON array of arguments.');
  const value = await callAnnotations(() => service.call(method as AnnotationMethod, args));
  if (method === 'exportAnnotations') {
    const exported = value as { content: string; mime: string; extension: string };
    const day = new Date().toISOString().slice(0, 10);
    const result: AnnotationExportResult = {
      kind: 'content',
      content: exported.content,
      mime: exported.mime,
      fileName: `anotaciones-${day}.${exported.extension}`,
    };
    sendJson(response, 200, result);
    return;
  }
  // `undefined` (restoreBackup) is sent as null: JSON has no undefined.
  sendJson(response, 200, value ?? null);
}

/**
 * Owner-only requests (annotations, packs) must carry `X-Archive-Client: 1` (a cross-site form
 * or fetch cannot send it without a preflight, which gets no CORS answer), name this loopback
 * server in Host (DNS rebinding) and come from this server's own Origin when one is sent.
 */
function refuseForeignRequest(
  request: http.IncomingMessage,
  what: 'annotation' | 'pack',
  options: EffectiveOptions,
): void {
  // The per-start secret: without it no process on this computer (another account, a script)
  // reads or changes the owner's notes and packs, whatever headers it sends.
  if (!requestHasOwnerToken(request, options.ownerToken, options.port)) {
    throw new HttpProblem(403, {
      name: 'InvalidArgument',
      message: `Refused: ${what} requests need this session's token: open the address the server printed at start (with ?token=).`,
    });
  }
  if (request.headers[ARCHIVE_CLIENT_HEADER.toLowerCase()] !== '1') {
    throw new HttpProblem(403, {
      name: 'InvalidArgument',
      message: `Refused: ${what} requests must come from the archive's own page (${ARCHIVE_CLIENT_HEADER} header missing).`,
    });
  }
  const hostHeader = request.headers.host ?? '';
  const hostName = hostHeader.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  if (!isLoopbackHost(hostName)) {
    throw new HttpProblem(403, {
      name: 'InvalidArgument',
      message: `Refused: ${what} requests must be addressed to this computer (Host header).`,
    });
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${hostHeader}`) {
    throw new HttpProblem(403, {
      name: 'InvalidArgument',
      message: `Refused: ${what} requests from another site are not allowed.`,
    });
  }
}

/**
 * `GET /api/packs`: 200 with the upload limit when this server manages packs (the page then
 * offers them). `POST /api/packs[?allowDowngrade=1][&allowUntrusted=1]`, body: the pack file itself
 * (application/octet-stream), streamed to a temporary file, verified and installed.
 * `DELETE /api/packs/<id>` removes a pack. Owner-only, like annotations.
 */
/** A minisign signature is under 9 KiB of text: base64 of 16 KiB is more than enough. */
const MAX_SIGNATURE_HEADER = 22_000;

async function handlePacks(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  id: string,
  params: URLSearchParams,
  options: EffectiveOptions,
  relaxDeadline: (idleMs: number) => void,
): Promise<void> {
  const packs = options.packs;
  if (!packs)
    throw problem('NotFound', 'Archive packs cannot be managed here: only on the computer that runs the archive.');
  const method = request.method ?? 'GET';
  if (method === 'OPTIONS')
    throw new HttpProblem(403, { name: 'InvalidArgument', message: 'Cross-origin requests are not allowed.' });
  const maxBytes = packs.maxUploadBytes ?? MAX_PACK_UPLOAD_BYTES;
  if (id === '' && (method === 'GET' || method === 'HEAD')) {
    // Without the token the page offers no pack management (it would be refused anyway).
    if (!requestHasOwnerToken(request, options.ownerToken, options.port))
      throw new HttpProblem(403, {
        name: 'InvalidArgument',
        message: "Refused: managing packs needs this session's token (open the address the server printed).",
      });
    sendJson(response, 200, { maxUploadBytes: maxBytes }, method);
    return;
  }
  refuseForeignRequest(request, 'pack', options);
  if (id === '') {
    if (method !== 'POST')
      throw new HttpProblem(
        405,
        { name: 'InvalidArgument', message: 'Use POST to install a pack.' },
        'GET, HEAD, POST',
      );
    const type = (request.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('application/octet-stream')) {
      throw problem(
        'InvalidArgument',
        'Invalid request: send the pack file as the body (Content-Type: application/octet-stream).',
      );
    }
    let upload;
    // A 2 GB pack over a slow link takes long: only a pause between reads ends it, not its total time.
    relaxDeadline(options.uploadIdleMs);
    try {
      upload = await receivePackUpload(request, packs.uploadDir, maxBytes);
    } catch (error) {
      if (error instanceof PackUploadError)
        throw new HttpProblem(error.status, { name: 'InvalidArgument', message: error.message });
      throw error;
    }
    // The upload is discarded before the answer goes out, so a client that sees the answer
    // never finds the temporary file still there.
    let outcome;
    try {
      // A signature sent with the pack goes beside the upload, where the library looks for it.
      const signature = request.headers['x-pack-signature'];
      if (typeof signature === 'string' && signature.length <= MAX_SIGNATURE_HEADER) {
        await writeFile(`${upload.file}.minisig`, Buffer.from(signature, 'base64'));
      }
      outcome = await callPacks(() =>
        packs.install(upload.file, {
          allowDowngrade: params.get('allowDowngrade') === '1',
          allowUntrusted: params.get('allowUntrusted') === '1',
        }),
      );
    } finally {
      await upload.discard();
    }
    sendJson(response, 200, outcome);
    return;
  }
  if (method !== 'DELETE')
    throw new HttpProblem(405, { name: 'InvalidArgument', message: 'Use DELETE to remove a pack.' }, 'DELETE');
  let decodedId: string;
  try {
    decodedId = decodeURIComponent(id);
  } catch {
    throw problem('InvalidArgument', 'Invalid request: the pack id in the address is not valid percent-encoding.');
  }
  const parsed = packIdSchema.safeParse(decodedId);
  if (!parsed.success)
    throw problem('InvalidArgument', describeValidationError(parsed.error).replace('request', 'pack id'));
  await callPacks(() => packs.remove(parsed.data));
  sendJson(response, 200, null);
}

/** A refused pack (the core's PackError) becomes 422 PackRefused with its code; ApiErrors keep their status. */
async function callPacks<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Error && error.name === 'PackError') {
      const code = (error as { code?: unknown }).code;
      throw new HttpProblem(STATUS_OF_ERROR.PackRefused, {
        name: 'PackRefused',
        message: error.message,
        ...(typeof code === 'string' ? { code } : {}),
      });
    }
    if (error instanceof Error && isApiErrorName(error.name) && error.name !== 'Internal') {
      const code = (error as { code?: unknown }).code;
      throw new HttpProblem(STATUS_OF_ERROR[error.name], {
        name: error.name,
        message: error.message,
        ...(typeof code === 'string' ? { code } : {}),
      });
    }
    throw error;
  }
}

async function callAnnotations<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Error && isApiErrorName(error.name) && error.name !== 'Internal') {
      // Keep the machine-readable reason (a full disk, a read-only folder) for the UI to word.
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string')
        throw new HttpProblem(STATUS_OF_ERROR[error.name], { name: error.name, message: error.message, code });
      throw problem(error.name, error.message);
    }
    throw error;
  }
}

/** Runs an archive call, turning the core's ApiError into an HTTP problem and hiding anything else. */
function callArchive<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof Error && isApiErrorName(error.name) && error.name !== 'Internal') {
      throw problem(error.name, error.message);
    }
    throw error;
  }
}

/**
 * One search: at most `maxSearchesPerAddress` at a time per client address (429 beyond), run by
 * the search runner (a worker pool whose deadline and full queue answer 503 with Retry-After).
 */
async function runSearch(
  request: http.IncomingMessage,
  searchRequest: Parameters<Archive['search']>[0],
  options: EffectiveOptions,
): Promise<ReturnType<Archive['search']>> {
  const release = options.searchSlots.acquire(request.socket.remoteAddress ?? '?');
  if (release === null) {
    throw new HttpProblem(
      429,
      { name: 'Unavailable', message: 'Too many searches at once from this device. Try again in a moment.' },
      undefined,
      { 'Retry-After': '1' },
    );
  }
  try {
    return await options.searchRunner.run(searchRequest);
  } catch (error) {
    if (error instanceof SearchBusyError) {
      throw new HttpProblem(503, { name: 'Unavailable', message: error.message }, undefined, {
        'Retry-After': String(error.retryAfterSeconds),
      });
    }
    if (error instanceof Error && isApiErrorName(error.name) && error.name !== 'Internal') {
      throw problem(error.name, error.message);
    }
    throw error;
  } finally {
    release();
  }
}

/** Which owner routes this request's session may use (see OWNER_ROUTES_HEADER): none on a shared server. */
function ownerRoutesHeader(request: http.IncomingMessage, options: EffectiveOptions): Record<string, string> {
  const owner = requestHasOwnerToken(request, options.ownerToken, options.port);
  const routes: OwnerRoute[] = [
    ...(owner && options.annotations ? (['annotations'] as const) : []),
    ...(owner && options.packs ? (['packs'] as const) : []),
  ];
  return { [OWNER_ROUTES_HEADER]: routes.join(', ') };
}

/** The start-up error as a client may see it: full paths only in the owner's own session. */
function shareable(
  status: Extract<ArchiveStatus, { state: 'error' }>,
  options: EffectiveOptions,
): Extract<ArchiveStatus, { state: 'error' }> {
  if (options.loopback) return status;
  return {
    state: 'error',
    message: redactPaths(status.message, options.privatePaths),
    ...(status.problem ? { problem: redactProblem(status.problem, options.privatePaths) } : {}),
  };
}

/** Hashed assets are cached for a year; the rest (index.html) is revalidated with its ETag. */
function sendStaticFile(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  file: StaticFile,
  method: string,
): void {
  const headers: Record<string, string> = {
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: file.etag,
  };
  if (file.varies) headers.Vary = 'Accept-Encoding';
  if (file.encoding) headers['Content-Encoding'] = file.encoding;
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) {
    response.writeHead(304, { ...securityHeadersFor(request.headers.host), ...headers });
    response.end();
    return;
  }
  send(response, 200, file.contentType, file.body, method, headers);
}

function isApiErrorName(name: string): name is ApiErrorName {
  return (
    name === 'InvalidArgument' ||
    name === 'NotFound' ||
    name === 'Unavailable' ||
    name === 'Internal' ||
    name === 'PackRefused'
  );
}

async function readJsonBody(request: http.IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw problem('InvalidArgument', 'Invalid request: expected a JSON body (Content-Type: application/json).');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes)
      throw new HttpProblem(413, { name: 'InvalidArgument', message: 'Invalid request: the body is too large.' });
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw problem('InvalidArgument', 'Invalid request: the body is not valid JSON.');
  }
}

function sendJson(
  response: http.ServerResponse,
  status: number,
  value: unknown,
  method?: string,
  extraHeaders: Record<string, string> = {},
): void {
  const { body, headers } = encodeJson(value, response.req.headers['accept-encoding']);
  send(response, status, 'application/json; charset=utf-8', body, method, {
    'Cache-Control': 'no-store',
    ...headers,
    ...extraHeaders,
  });
}

function send(
  response: http.ServerResponse,
  status: number,
  contentType: string,
  body: Buffer,
  method: string | undefined,
  extraHeaders: Record<string, string>,
): void {
  response.writeHead(status, {
    ...securityHeadersFor(response.req.headers.host),
    ...extraHeaders,
    'Content-Type': contentType,
    'Content-Length': String(body.length),
  });
  response.end(method === 'HEAD' ? undefined : body);
}
