import path from 'node:path';
import { promises as fs } from 'node:fs';
import { contentTypeFor as contentTypeForExtension } from '../common/content-types';

/** Host of every app:// URL: `app://app/index.html`. One fixed origin for the renderer. */
export const APP_HOST = 'app';
export const APP_START_URL = `app://${APP_HOST}/index.html`;

/** True for URLs of the bundled renderer (the only origin allowed to call IPC or be navigated to). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Maps an app:// URL to a file under `root`, or null when the URL tries to leave it.
 *
 * Chromium already collapses `..` and `%2e%2e` segments before the handler sees a
 * standard-scheme URL, but the handler does not rely on that: it refuses, after
 * percent-decoding, any `.`/`..` segment, backslash (a separator on Windows), NUL,
 * drive letter or doubled slash, and finally checks that the resolved path is inside
 * the root. Each check alone would do; together they survive a change in any one.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'app:' || parsed.host !== APP_HOST) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  if (!decoded.startsWith('/') || decoded.startsWith('//')) return null;
  if (/[\\\0]/.test(decoded) || /^\/[A-Za-z]:/.test(decoded)) return null;

  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;

  const resolvedRoot = path.resolve(root);
  const candidate = path.resolve(resolvedRoot, ...segments);
  if (!candidate.startsWith(resolvedRoot + path.sep)) return null;
  return candidate;
}

export function contentTypeFor(filePath: string): string {
  return contentTypeForExtension(path.extname(filePath));
}

/** Headers on every app:// response, error responses included. */
export function securityHeaders(contentSecurityPolicy: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    // Chromium prefetches DNS for links in a page; document links must not reach a resolver.
    'X-DNS-Prefetch-Control': 'off',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

export type ProtocolHandler = (request: Request) => Promise<Response>;

function notFound(contentSecurityPolicy: string): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...securityHeaders(contentSecurityPolicy), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * Serves the built renderer (`dist/renderer`, inside app.asar when packaged: Electron's
 * fs reads from the archive transparently). Only GET/HEAD; everything else is 404, so
 * the response reveals nothing about what exists outside the root.
 */
export function createAppProtocolHandler(rendererRoot: string, contentSecurityPolicy: string): ProtocolHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(contentSecurityPolicy);
    const filePath = resolveAppPath(rendererRoot, request.url);
    if (filePath === null) return notFound(contentSecurityPolicy);
    let body: Buffer;
    try {
      body = await fs.readFile(filePath);
    } catch {
      return notFound(contentSecurityPolicy); // missing file or a directory
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...securityHeaders(contentSecurityPolicy), 'Content-Type': contentTypeFor(filePath) },
    });
  };
}
