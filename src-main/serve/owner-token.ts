import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

/**
 * The per-start secret of the owner's routes (notes, packs), as Jupyter's token: a fresh random
 * value at every start, printed in the URL the owner opens (`http://127.0.0.1:8080/?token=…`).
 *
 * The page never sees it: the first request with `?token=` gets it back as an HttpOnly,
 * SameSite=Strict cookie and a redirect to the same address without it, so it leaves the address
 * bar and the history, no script can read it, and the browser sends it on the page's own
 * requests only (a cross-site request never carries a Strict cookie). Plain cookies work over
 * http (no secure-context API is needed). Programs (tests, the owner's scripts) may send it in
 * the `X-Archive-Token` header instead.
 *
 * Cookies are not isolated by port, so the cookie's name carries the port: two servers on one
 * computer do not overwrite each other's.
 */
export const OWNER_TOKEN_HEADER = 'X-Archive-Token';
export const OWNER_TOKEN_QUERY = 'token';

/** A new random token (256 bits, URL-safe). */
export function generateOwnerToken(): string {
  return randomBytes(32).toString('base64url');
}

export function ownerCookieName(port: number): string {
  return `archivo_owner_${port}`;
}

/** Compares in constant time; hashing first makes both sides the same length whatever was sent. */
export function tokensMatch(expected: string, candidate: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(a, b);
}

function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** Whether the request carries this start's token (header or cookie). */
export function requestHasOwnerToken(request: http.IncomingMessage, token: string, port: number): boolean {
  const header = request.headers[OWNER_TOKEN_HEADER.toLowerCase()];
  if (typeof header === 'string' && tokensMatch(token, header)) return true;
  const cookie = cookieValue(request.headers.cookie, ownerCookieName(port));
  return cookie !== undefined && tokensMatch(token, cookie);
}

/**
 * A page request with `?token=`: answers it with the cookie (when the token is right) and a
 * redirect to the same address without the token. Returns false when there was nothing to do.
 */
export function answerTokenHandOver(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  url: URL,
  token: string,
  port: number,
  baseHeaders: Readonly<Record<string, string>>,
): boolean {
  const offered = url.searchParams.get(OWNER_TOKEN_QUERY);
  if (offered === null || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  url.searchParams.delete(OWNER_TOKEN_QUERY);
  const location = url.pathname + url.search;
  const headers: Record<string, string> = { ...baseHeaders, Location: location, 'Cache-Control': 'no-store' };
  // A wrong token is dropped silently (the page then works read-only, as for any visitor).
  if (tokensMatch(token, offered))
    headers['Set-Cookie'] = `${ownerCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
  response.writeHead(303, headers);
  response.end();
  return true;
}
