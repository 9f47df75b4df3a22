import type {
  AnnotationsApi,
  ArchiveApi,
  ArchiveStatus,
  PackInstallPermissions,
  PacksApi,
} from '../../src-main/common/api';
import type { LibraryArchive, PackInstallOutcome } from '../../src-main/common/library';
import type { ApiErrorPayload } from '../../src-main/common/errors';
import type { CorpusInfo, DocumentRecord, SearchRequest, SearchResponse } from '../../src-main/common/types';
import type { HTTP_ROUTES } from '../../src-main/common/ipc';
import type { JoinInfo } from '../../src-main/common/join';

/**
 * Browser mode's ArchiveApi: the same contract as the Electron preload, over HTTP to
 * the origin that served the UI. Routes repeat `HTTP_ROUTES` (the renderer may import only
 * types from common); the `satisfies` check below fails the build if they drift apart.
 */
const ROUTES = {
  status: 'api/status',
  corpusInfo: 'api/corpus',
  search: 'api/search',
  document: 'api/documents/',
  asset: 'api/assets/',
  annotations: 'api/annotations/',
  archives: 'api/archives',
  packs: 'api/packs',
  join: 'api/join',
} as const;
type RoutesWithSlash = { [K in keyof typeof ROUTES]: `/${(typeof ROUTES)[K]}` };
/** Fails to compile when a route here differs from the contract's (and so from the method table). */
export const ROUTES_MATCH_CONTRACT: typeof HTTP_ROUTES extends RoutesWithSlash ? true : never = true;

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

async function parseError(response: Response): Promise<ArchiveRequestError> {
  try {
    const body = (await response.json()) as Partial<ApiErrorPayload>;
    if (typeof body.message === 'string' && typeof body.name === 'string') {
      return new ArchiveRequestError(body as ApiErrorPayload);
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
    const response = await fetch(new URL(ROUTES.packs, base).toString(), {
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
    const response = await fetch(new URL(ROUTES.join, base).toString(), {
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (!response.ok) return null;
    const body = (await response.json()) as Partial<JoinInfo>;
    return Array.isArray(body.urls)
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
   * ends as `unreachable`); pack uploads, which may rightly take minutes, are not bounded by it.
   */
  requestSignal?: () => AbortSignal;
}

/** `code: 'unreachable'`: no answer at all (the hotspot dropped), unlike a 503 from a live server. */
function unreachable(): ArchiveRequestError {
  return new ArchiveRequestError({
    name: 'Unavailable',
    code: 'unreachable',
    message: 'The archive server cannot be reached.',
  });
}

/** `base` is the UI's own URL; relative routes keep the app working under any path prefix. */
export function createHttpArchiveApi(base: string, options: HttpArchiveApiOptions = {}): ArchiveApi {
  const url = (route: string) => new URL(route, base).toString();
  const ownerHeaders: Record<string, string> = {
    'X-Archive-Client': '1',
    ...(options.ownerToken ? { 'X-Archive-Token': options.ownerToken } : {}),
  };

  async function request<T>(route: string, init?: RequestInit, bounded = true): Promise<T> {
    const signal = bounded ? options.requestSignal?.() : undefined;
    let response: Response;
    try {
      response = await fetch(url(route), { ...init, signal, credentials: 'same-origin', cache: 'no-store' });
    } catch {
      throw unreachable();
    }
    if (!response.ok) throw await parseError(response);
    try {
      return (await response.json()) as T;
    } catch (error) {
      // The body stopped arriving (the signal gave up on it): as unreachable as no answer at all.
      if (signal?.aborted) throw unreachable();
      throw error;
    }
  }

  /** Every annotation call: POST with the argument list, the JSON type and the app's own header. */
  const annotationCall =
    <M extends keyof AnnotationsApi>(method: M) =>
    (...args: Parameters<AnnotationsApi[M]>): ReturnType<AnnotationsApi[M]> =>
      request(ROUTES.annotations + method, {
        method: 'POST',
        headers: { ...ownerHeaders, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      }) as ReturnType<AnnotationsApi[M]>;

  const annotations: AnnotationsApi = {
    listAnnotations: annotationCall('listAnnotations'),
    createAnnotation: annotationCall('createAnnotation'),
    updateAnnotation: annotationCall('updateAnnotation'),
    moveAnnotation: annotationCall('moveAnnotation'),
    deleteAnnotation: annotationCall('deleteAnnotation'),
    restoreAnnotation: annotationCall('restoreAnnotation'),
    searchAnnotations: annotationCall('searchAnnotations'),
    countAnnotations: annotationCall('countAnnotations'),
    exportAnnotations: annotationCall('exportAnnotations'),
    importAnnotations: annotationCall('importAnnotations'),
    listBackups: annotationCall('listBackups'),
    restoreBackup: async (name: string) => {
      await request<null>(ROUTES.annotations + 'restoreBackup', {
        method: 'POST',
        headers: { ...ownerHeaders, 'Content-Type': 'application/json' },
        body: JSON.stringify([name]),
      });
    },
    userDataStatus: annotationCall('userDataStatus'),
  };

  const packs: PacksApi = {
    // The pack file is the body itself: streamed by the browser, no form encoding, no copy in memory here.
    installFile: async (file, installOptions) => {
      // The signature (a few hundred bytes of text) rides in a header beside the streamed pack.
      const headers: Record<string, string> = { ...ownerHeaders, 'Content-Type': 'application/octet-stream' };
      if (installOptions?.signature) {
        headers[PACK_SIGNATURE_HEADER] = encodeSignature(await installOptions.signature.text());
      }
      return request<PackInstallOutcome>(
        `${ROUTES.packs}${packInstallQuery(installOptions)}`,
        { method: 'POST', headers, body: file },
        false,
      );
    },
    removeArchive: async (id) => {
      await request<null>(`${ROUTES.packs}/${encodeURIComponent(id)}`, { method: 'DELETE', headers: ownerHeaders });
    },
  };

  return {
    annotations,
    ...(options.packs ? { packs } : {}),
    listArchives: () => request<LibraryArchive[]>(ROUTES.archives),
    status: () => request<ArchiveStatus>(ROUTES.status),
    corpusInfo: () => request<CorpusInfo>(ROUTES.corpusInfo),
    search: (searchRequest: SearchRequest) =>
      request<SearchResponse>(ROUTES.search, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(searchRequest),
      }),
    getDocument: async (id: string) => {
      try {
        return await request<DocumentRecord>(ROUTES.document + encodeURIComponent(id));
      } catch (error) {
        if (error instanceof ArchiveRequestError && error.name === 'NotFound') return null;
        throw error;
      }
    },
    assetUrl: (assetId: string) => url(ROUTES.asset + encodeURIComponent(assetId)),
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
