import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Archive } from '../core/store/archive';
import {
  BUNDLED_ARCHIVE_ID,
  type CorpusProblem,
  type LibraryArchive,
  type PackInstallOutcome,
} from '../common/library';
import type { ApiHandlers } from '../common/api-methods';
import { httpRouteTable, type HttpApiMethod, type OwnerGroup } from '../common/http-routes';
import { HTTP_ROUTES } from '../common/ipc';
import type { ArchiveStatus } from '../common/api';
import type { AnnotationService } from '../core/annotations/annotation-service';
import { createArchiveHandlers } from '../core/api/archive-handlers';
import { MAX_PACK_UPLOAD_BYTES } from './pack-upload';
import { securityHeadersFor } from './security-headers';
import { createHostGuard } from './host-guard';
import { answerTokenHandOver, generateOwnerToken, OWNER_TOKEN_QUERY, requestHasOwnerToken } from './owner-token';
import {
  applyConnectionLimits,
  DEFAULT_CONNECTION_LIMITS,
  startRequestDeadline,
  type ConnectionLimits,
} from './connection-limits';
import { createPerAddressLimiter, inlineSearchRunner, type SearchRunner } from './search-pool';
import { cacheSearches, type CachedSearchRunner } from './search-cache';
import { searchAnswerAsAsked } from './search-answer';
import { redactPaths, redactProblem } from './redact-paths';
import { createRateLimitedLog, describeRequest, isClientAbort } from './error-log';
import { OWNER_ROUTES_HEADER, type OwnerRoute } from '../common/owner-routes';
import { readStaticFile, type StaticFile } from './static-files';
import { joinInfo } from './join-info';
import { answerApiCall, type ApiCallContext } from './api-adapter';
import { createApiRouter, type RouteMatch } from './api-router';
import { httpProblemOf, problem, refusal } from './http-problem';
import { send, sendJson } from './http-send';
import { ownerGroupAbsent } from './owner-guard';
import { isLoopbackHost } from './loopback';
import { markStart } from './start-trace';

export { isLoopbackHost };

/** Cheap calls need no admission: their release does nothing. */
const noAdmission = (): void => undefined;

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
  /** Keep search answers by request (search-cache.ts); default true. Off: every search runs (benchmarks). */
  searchCache?: boolean;
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
  router: (verb: string, pathname: string) => RouteMatch;
  apiContext: Omit<ApiCallContext, 'relaxDeadline'>;
}

/** Every method browser mode carries, answered by the archive (searches by the search runner). */
type ServerApiHandlers = ApiHandlers<HttpApiMethod>;

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
  const router = createApiRouter(httpRouteTable());
  const runner = options.searchRunner ?? inlineSearchRunner(options.archive);
  const searches = options.searchCache === false ? { ...runner, forget: () => undefined } : cacheSearches(runner);
  const handlers = serverHandlers(options, loopback, searches);
  const searchSlots = createPerAddressLimiter(options.maxSearchesPerAddress ?? 4);
  const ownerGroups = new Set<OwnerGroup>([
    ...(loopback && annotations ? (['annotations'] as const) : []),
    ...(loopback && packs ? (['packs'] as const) : []),
  ]);
  const effective = (): EffectiveOptions => ({
    ...rest,
    ...(loopback && packs ? { packs } : {}),
    loopback,
    ownerToken,
    port,
    router,
    apiContext: {
      handlers,
      ownerGroups,
      // The page reads which owner routes it may use from its status answer, so it asks no other.
      headersFor: (name, request) =>
        name === 'status' ? ownerRoutesHeader(requestHasOwnerToken(request, ownerToken, port), ownerGroups) : {},
      ownerToken,
      port,
      ...(loopback && packs
        ? {
            upload: {
              dir: packs.uploadDir,
              maxBytes: packs.maxUploadBytes ?? MAX_PACK_UPLOAD_BYTES,
              idleMs: limits.uploadIdleMs,
            },
          }
        : {}),
      // Searches are the expensive calls: a few at a time per device; every other call is cheap.
      admit: (name, address) => (name === 'search' ? searchSlots.acquire(address) : noAdmission),
    },
  });
  // Made at the first request, once listening: the owner cookie is named after the port.
  let session: EffectiveOptions | undefined;
  // Duplicate Host headers arrive comma-joined and fail the host check instead of "first one wins".
  const server = http.createServer(
    { joinDuplicateHeaders: true, connectionsCheckingInterval: 1_000 },
    (request, response) => {
      markStart('first request');
      session ??= effective();
      const current = session;
      if (!hostAllowed(request.headers.host)) {
        refuseHost(response);
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
  port = listeningPort(server.address());
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

/** The port of a TCP server that is listening (`address()` is a string only for a pipe or socket file). */
function listeningPort(address: AddressInfo | string | null): number {
  if (address === null || typeof address === 'string') throw new Error('The server is not listening on a TCP port.');
  return address.port;
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
function refuseHost(response: http.ServerResponse): void {
  sendJson(
    response,
    403,
    { name: 'InvalidArgument', message: 'Refused: this server does not answer to that host name (Host header).' },
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

    // No CORS anywhere: a preflight from another site gets no Access-Control-* header, so it fails.
    if (method === 'OPTIONS') throw refusal(403, 'Cross-origin requests are not allowed.');

    if (pathname === HTTP_ROUTES.packs && (method === 'GET' || method === 'HEAD')) {
      answerPacksProbe(request, response, options);
      return;
    }
    const match = options.router(method, pathname);
    if (match.found === 'method') {
      const call = { name: match.name, route: match.route, segment: match.segment, query: url.searchParams };
      await answerApiCall(request, response, call, { ...options.apiContext, relaxDeadline });
      markStart(`first ${match.name} answered`);
      return;
    }
    if (match.found === 'wrong-verb') throw refusal(405, `Use ${match.allow} for ${pathname}.`, { Allow: match.allow });

    if (method !== 'GET' && method !== 'HEAD') {
      throw refusal(405, `Method ${method} is not allowed.`, { Allow: 'GET, HEAD' });
    }
    if (pathname === HTTP_ROUTES.join && isLoopbackHost(request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '')) {
      // Only the laptop's own page asks: the addresses of its interfaces are no phone's business.
      sendJson(response, 200, joinInfo(options.host ?? '127.0.0.1', request.socket.localPort ?? 0));
      return;
    }
    if (pathname.startsWith('/api/')) throw problem('NotFound', `No API route ${pathname}.`);

    const file = await readStaticFile(options.staticDir, pathname, request.headers['accept-encoding']);
    if (file === null) throw problem('NotFound', 'Not found.');
    sendStaticFile(request, response, file);
  } catch (error) {
    const answer = httpProblemOf(error);
    if (answer === null) throw error;
    sendJson(response, answer.status, answer.payload, answer.headers);
  }
}

/**
 * `GET /api/packs`: 200 with the upload limit when this server manages packs and the request
 * carries the owner's token (the page then offers them); 404 shared on a network, 403 without
 * the token (installing would be refused anyway).
 */
function answerPacksProbe(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  options: EffectiveOptions,
): void {
  const packs = options.packs;
  if (!packs) throw ownerGroupAbsent('packs');
  if (!requestHasOwnerToken(request, options.ownerToken, options.port))
    throw refusal(403, "Refused: managing packs needs this session's token (open the address the server printed).");
  sendJson(response, 200, { maxUploadBytes: packs.maxUploadBytes ?? MAX_PACK_UPLOAD_BYTES });
}

/**
 * The archive's own handlers, with this server's status, library list and searches (kept
 * answers forgotten whenever a pack is installed or removed: the set of archives changed).
 */
function serverHandlers(options: ServerOptions, loopback: boolean, searches: CachedSearchRunner): ServerApiHandlers {
  const packs = loopback ? options.packs : undefined;
  const handlers = createArchiveHandlers({
    archive: options.archive,
    status: () => serverStatus(options, loopback),
    listArchives: () => listArchives(options),
    ...(loopback && options.annotations ? { annotations: options.annotations } : {}),
    ...(packs
      ? {
          packs: {
            install: (path, permissions) =>
              packs.install(path, permissions).finally(() => {
                searches.forget();
              }),
            remove: (id) =>
              packs.remove(id).finally(() => {
                searches.forget();
              }),
          },
        }
      : {}),
  });
  // Kept answers stay whole; a request that will not show the facets gets them empty (search-answer.ts).
  return {
    ...handlers,
    search: (request) => searches.run(request).then((answer) => searchAnswerAsAsked(request, answer)),
  };
}

/** A library that started empty stays on the start-up screen until its first pack is installed. */
function serverStatus(options: ServerOptions, loopback: boolean): ArchiveStatus {
  if (options.startupError && !(options.library && options.library.list().length > 0))
    return shareable(options.startupError, loopback, options.privatePaths);
  const problems = (options.library?.problems ?? []).map((item) =>
    loopback ? item : redactProblem(item, options.privatePaths),
  );
  return problems.length > 0 ? { state: 'ready', problems } : { state: 'ready' };
}

/** Nothing could be opened (the start-up screen explains it): an empty library. */
function listArchives(options: ServerOptions): LibraryArchive[] {
  if (options.library) return options.library.list();
  return options.startupError ? [] : [{ id: BUNDLED_ARCHIVE_ID, kind: 'bundled', ...options.archive.info }];
}

/** The start-up error as a client may see it: full paths only in the owner's own session. */
function shareable(
  status: Extract<ArchiveStatus, { state: 'error' }>,
  loopback: boolean,
  privatePaths: readonly string[] | undefined,
): Extract<ArchiveStatus, { state: 'error' }> {
  if (loopback) return status;
  return {
    state: 'error',
    message: redactPaths(status.message, privatePaths),
    ...(status.problem ? { problem: redactProblem(status.problem, privatePaths) } : {}),
  };
}

/** Hashed assets are cached for a year; the rest (index.html) is revalidated with its ETag. */
function sendStaticFile(request: http.IncomingMessage, response: http.ServerResponse, file: StaticFile): void {
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
  send(response, 200, file.contentType, file.body, headers);
}

/** Which owner routes a session may use (see OWNER_ROUTES_HEADER): none without the owner token or on a shared server. */
function ownerRoutesHeader(owner: boolean, ownerGroups: ReadonlySet<OwnerGroup>): Record<string, string> {
  const routes: OwnerRoute[] = owner
    ? (['annotations', 'packs'] as const).filter((group) => ownerGroups.has(group))
    : [];
  return { [OWNER_ROUTES_HEADER]: routes.join(', ') };
}
