import type { AnnotationsApi, ArchiveApi, PackInstallPermissions, PacksApi } from '../../src-main/common/api';
import type { ApiHandlers, MethodGroup } from '../../src-main/common/api-methods';
import type { PackInstallOutcome } from '../../src-main/common/library';
import type { ApiErrorName, ApiErrorPayload } from '../../src-main/common/errors';
import type { CallableHttpMethodOf, HttpRoute, HttpRouteTable } from '../../src-main/common/http-routes';
import type { HTTP_ROUTES } from '../../src-main/common/ipc';
import type { JoinInfo } from '../../src-main/common/join';
import { isOneOf, isRecord } from '../lib/guards';

/**
 * Browser mode's ArchiveApi: the same contract as the Electron preload, over HTTP to the origin
 * that served the UI, built from the method table's routes (`HttpRouteTable`, which the UI build
 * embeds: see src-main/serve/http-routes-module.ts). A method added to the table is called here
 * with no code of its own. The two probes below are not methods of the table; their routes repeat
 * `HTTP_ROUTES` (the renderer may import only types from common) and a check fails the build if
 * they drift apart.
 */
const PROBES = { packs: 'api/packs', join: 'api/join' } as const;
/** Fails to compile when a probe's route differs from the contract's. */
export const PROBES_MATCH_CONTRACT: `/${typeof PROBES.packs}` extends typeof HTTP_ROUTES.packs
  ? `/${typeof PROBES.join}` extends typeof HTTP_ROUTES.join
    ? true
    : never
  : never = true;

/** An error that crossed the wire: `name` says what kind, `message` is a sentence. */
export class ArchiveRequestError extends Error implements ApiErrorPayload {
  override readonly name: ApiErrorPayload['name'];
  /** Machine-readable reason (a refused pack's, a failed write's) the UI words in its language. */
  readonly code?: string;
  constructor(payload: ApiErrorPayload) {
    super(payload.message);
    this.name = payload.name;
    if (typeof payload.code === 'string') this.code = payload.code;
  }
}

/** Every `ApiErrorName` (a list of literals: the renderer imports only types from common). */
const API_ERROR_NAMES: readonly ApiErrorName[] = [
  'InvalidArgument',
  'NotFound',
  'Unavailable',
  'Internal',
  'PackRefused',
];

async function parseError(response: Response): Promise<ArchiveRequestError> {
  try {
    const body: unknown = await response.json();
    if (isRecord(body) && typeof body.message === 'string' && isOneOf(API_ERROR_NAMES, body.name)) {
      const code = typeof body.code === 'string' ? { code: body.code } : {};
      return new ArchiveRequestError({ name: body.name, message: body.message, ...code });
    }
  } catch {
    // Not JSON: fall through to a generic sentence.
  }
  return new ArchiveRequestError({
    name: response.status >= 500 ? 'Internal' : 'InvalidArgument',
    message: `HTTP ${response.status}`,
  });
}

/**
 * Whether this server lets the page install and remove packs (the owner's own session on
 * loopback); a server shared on a network answers 404 and the page offers no pack management.
 */
export async function serverManagesPacks(base: string, ownerToken?: string): Promise<boolean> {
  try {
    const response = await fetch(new URL(PROBES.packs, base).toString(), {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: ownerToken ? { 'X-Archive-Token': ownerToken } : {},
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Where phones can open this archive (the laptop's own page on a shared server); null when the
 * server does not say (a phone, an older server, or the archive is not shared).
 */
export async function fetchJoinInfo(base: string): Promise<JoinInfo | null> {
  try {
    const response = await fetch(new URL(PROBES.join, base).toString(), {
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    return isRecord(body) && Array.isArray(body.urls)
      ? { urls: body.urls.filter((url): url is string => typeof url === 'string') }
      : null;
  } catch {
    return null;
  }
}

export interface HttpArchiveApiOptions {
  /** Offer `packs` (see `serverManagesPacks`). */
  packs?: boolean;
  /**
   * The server's per-start owner token, for clients outside a browser (tests, scripts). The page
   * leaves it unset: the owner cookie set by the printed `?token=` address goes with its requests.
   */
  ownerToken?: string;
  /**
   * A fresh signal for each request (a timeout, so a request the dropped hotspot never answers
   * ends as `unreachable`), given whether the method is `slow` (api-methods.ts); pack uploads,
   * which may rightly take minutes, are not bounded by it.
   */
  requestSignal?: (pace: RequestPace) => AbortSignal;
}

/** How long a call may rightly take: `slow` for the methods the table marks so. */
export type RequestPace = 'quick' | 'slow';

/** `code: 'unreachable'`: no answer at all (the hotspot dropped), unlike a 503 from a live server. */
function unreachable(): ArchiveRequestError {
  return new ArchiveRequestError({
    name: 'Unavailable',
    code: 'unreachable',
    message: 'The archive server cannot be reached.',
  });
}

/** One call of the table as the client sends it; null for routes that are not calls (uploads, images). */
type Call = (...args: unknown[]) => Promise<unknown>;

/**
 * `base` is the UI's own URL; relative routes keep the app working under any path prefix.
 * `routes`: the method table's (the page gets them from the build, tests from `httpRouteTable()`).
 */
export function createHttpArchiveApi(
  base: string,
  routes: HttpRouteTable,
  options: HttpArchiveApiOptions = {},
): ArchiveApi {
  const url = (route: string) => new URL(route, base).toString();
  /** Routes are absolute in the table; relative here (see above). */
  const relative = (route: HttpRoute) => route.path.replace(/^\//, '');
  const ownerHeaders: Record<string, string> = {
    'X-Archive-Client': '1',
    ...(options.ownerToken ? { 'X-Archive-Token': options.ownerToken } : {}),
  };

  /** `pace` null: no bound at all (uploads). */
  async function request(route: string, init?: RequestInit, pace: RequestPace | null = 'quick'): Promise<unknown> {
    const signal = pace ? options.requestSignal?.(pace) : undefined;
    let response: Response;
    try {
      response = await fetch(url(route), { ...init, signal, credentials: 'same-origin', cache: 'no-store' });
    } catch {
      throw unreachable();
    }
    if (!response.ok) throw await parseError(response);
    try {
      return await response.json();
    } catch (error) {
      // The body stopped arriving (the signal gave up on it): as unreachable as no answer at all.
      if (signal?.aborted) throw unreachable();
      throw error;
    }
  }

  /** How the client sends a call of each kind of route (the server reads it the same way: api-adapter.ts). */
  function callOf(route: HttpRoute): Call | null {
    // Owner routes (notes, packs) carry the app's own header (and the token outside a browser).
    const headers = route.group === 'archive' ? {} : ownerHeaders;
    const json = { ...headers, 'Content-Type': 'application/json' };
    const path = relative(route);
    switch (route.kind) {
      case 'get':
        return () => request(path);
      case 'get-id':
        return async (id) => {
          try {
            return await request(path + encodeURIComponent(String(id)));
          } catch (error) {
            // The method answers null when nothing has that id.
            if (error instanceof ArchiveRequestError && error.name === 'NotFound') return null;
            throw error;
          }
        };
      case 'get-query':
        return (argument) => {
          const query = queryStringOf(argument);
          return query !== null && path.length + query.length < MAX_QUERY_URL_LENGTH
            ? request(`${path}?${query}`, { headers })
            : request(path, { method: 'POST', headers: json, body: JSON.stringify(argument) });
        };
      case 'post-args':
        // Trailing optional arguments left undefined are dropped: JSON would turn them into null,
        // which the method's schema refuses (an optional argument is absent, never null).
        return (...args) =>
          request(
            path,
            { method: 'POST', headers: json, body: JSON.stringify(withoutTrailingUndefined(args)) },
            route.slow ? 'slow' : 'quick',
          );
      case 'delete-id':
        return (id) => request(path + encodeURIComponent(String(id)), { method: 'DELETE', headers });
      case 'upload':
      case 'get-bytes':
        return null;
    }
  }

  /** One function per callable route of a group of the table. */
  function callsOf<G extends MethodGroup>(group: G): ApiHandlers<CallableHttpMethodOf<G>> {
    const calls: Record<string, Call> = {};
    for (const [name, route] of Object.entries(routes)) {
      const call = route.group === group ? callOf(route) : null;
      if (call) calls[name] = call;
    }
    // Complete by construction: every callable route of the group, each sending its own arguments.
    return calls as ApiHandlers<CallableHttpMethodOf<G>>;
  }

  const annotations: AnnotationsApi = callsOf('annotations');

  const packs: PacksApi = {
    ...callsOf('packs'),
    // The pack file is the body itself: streamed by the browser, no form encoding, no copy in memory here.
    installFile: async (file, installOptions) => {
      // The signature (a few hundred bytes of text) rides in a header beside the streamed pack.
      const headers: Record<string, string> = { ...ownerHeaders, 'Content-Type': 'application/octet-stream' };
      if (installOptions?.signature) {
        headers[PACK_SIGNATURE_HEADER] = encodeSignature(await installOptions.signature.text());
      }
      // Unbounded by the request timeout: a pack upload may rightly take minutes.
      const outcome = await request(
        `${relative(routes.installPack)}${packInstallQuery(installOptions)}`,
        { method: 'POST', headers, body: file },
        null,
      );
      // A result of our own server, typed by the table (results are not re-validated: api-methods.ts).
      return outcome as PackInstallOutcome;
    },
  };

  return {
    ...callsOf('archive'),
    annotations,
    ...(options.packs ? { packs } : {}),
    assetUrl: (assetId: string) => url(relative(routes.getAsset) + encodeURIComponent(assetId)),
  };
}

/** `?allowDowngrade=1&allowUntrusted=1`: what the user allowed after the server's question. */
function packInstallQuery(options: PackInstallPermissions | undefined): string {
  const query = new URLSearchParams();
  if (options?.allowDowngrade === true) query.set('allowDowngrade', '1');
  if (options?.allowUntrusted === true) query.set('allowUntrusted', '1');
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** Header that carries a pack's `.minisig` (base64 of its UTF-8 text) with an upload. */
const PACK_SIGNATURE_HEADER = 'X-Pack-Signature';

function encodeSignature(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Longest path and query string a `get-query` call sends as a GET; a longer one (a long query,
 * many filters) goes as a POST body. Far below what servers and proxies take in a request line
 * (Node: 16 KiB of headers), and above any typed search.
 */
const MAX_QUERY_URL_LENGTH = 2000;

/**
 * A `get-query` argument as a query string: each field a parameter, its value the field's JSON
 * (so `"5"` and `5` stay apart), undefined fields left out. Null when the argument is not an object.
 */
function queryStringOf(argument: unknown): string | null {
  if (!isRecord(argument)) return null;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(argument)) if (value !== undefined) query.set(name, JSON.stringify(value));
  return query.toString();
}

function withoutTrailingUndefined(args: readonly unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end -= 1;
  return args.slice(0, end);
}
