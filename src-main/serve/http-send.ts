import type http from 'node:http';
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
  send(response, status, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(value), 'utf8'), {
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
}
