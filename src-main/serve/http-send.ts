import type http from 'node:http';
import { encodeJson } from './json-encoding';
import { jsonSecurityHeadersFor, securityHeadersFor } from './security-headers';

/** Sends a body with the security headers every answer carries; HEAD gets the headers alone. */
export function send(
  response: http.ServerResponse,
  status: number,
  contentType: string,
  body: Buffer | Uint8Array,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  writeAnswer(response, status, securityHeadersFor(response.req.headers.host), contentType, body, extraHeaders);
}

/**
 * JSON answers are never cached unless the caller says otherwise (`extraHeaders`). Those of the
 * API's routes carry only the security headers that apply to a JSON answer
 * (`jsonSecurityHeadersFor`); an error for another address (a mistyped page a browser navigated
 * to) is a top-level document and keeps them all.
 */
export function sendJson(
  response: http.ServerResponse,
  status: number,
  value: unknown,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  // Large answers (a page of results) are gzipped for clients that accept it: a phone on a slow link.
  const { body, headers } = encodeJson(value, response.req.headers['accept-encoding']);
  const host = response.req.headers.host;
  const api = (response.req.url ?? '').startsWith('/api/');
  writeAnswer(
    response,
    status,
    api ? jsonSecurityHeadersFor(host) : securityHeadersFor(host),
    'application/json; charset=utf-8',
    body,
    { 'Cache-Control': 'no-store', ...headers, ...extraHeaders },
  );
}

function writeAnswer(
  response: http.ServerResponse,
  status: number,
  securityHeaders: Readonly<Record<string, string>>,
  contentType: string,
  body: Buffer | Uint8Array,
  extraHeaders: Readonly<Record<string, string>>,
): void {
  response.writeHead(status, {
    ...securityHeaders,
    ...extraHeaders,
    'Content-Type': contentType,
    'Content-Length': String(body.length),
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
