import type http from 'node:http';
import { encodeJson } from './json-encoding';
import { securityHeadersFor } from './security-headers';

/** Sends a body with the security headers every answer carries; HEAD gets the headers alone. */
export function send(
  response: http.ServerResponse,
  status: number,
  contentType: string,
  body: Buffer | Uint8Array,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  response.writeHead(status, {
    ...securityHeadersFor(response.req.headers.host),
    ...extraHeaders,
    'Content-Type': contentType,
    'Content-Length': String(body.length),
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

/** JSON answers are never cached unless the caller says otherwise (`extraHeaders`). */
export function sendJson(
  response: http.ServerResponse,
  status: number,
  value: unknown,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  // Large answers (a page of results) are gzipped for clients that accept it: a phone on a slow link.
  const { body, headers } = encodeJson(value, response.req.headers['accept-encoding']);
  send(response, status, 'application/json; charset=utf-8', body, {
    'Cache-Control': 'no-store',
    ...headers,
    ...extraHeaders,
  });
}
