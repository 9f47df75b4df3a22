import type http from 'node:http';
import { problem, refusal } from './http-problem';

/** A search request or one annotation call: small JSON; anything larger is refused before parsing. */
export const MAX_JSON_BODY_BYTES = 512 * 1024;

/**
 * The request's JSON body. Refused unless declared `application/json` (a cross-site form cannot
 * send that without a preflight, which gets no CORS answer) and at most `maxBytes` long.
 */
export async function readJsonBody(request: http.IncomingMessage, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw problem('InvalidArgument', 'Invalid request: expected a JSON body (Content-Type: application/json).');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) throw refusal(413, 'Invalid request: the body is too large.');
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw problem('InvalidArgument', 'Invalid request: the body is not valid JSON.');
  }
}

/** A path segment as the client encoded it (`encodeURIComponent`); a malformed escape is a 400. */
export function decodePathSegment(segment: string, what: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw problem('InvalidArgument', `Invalid request: the ${what} in the address is not valid percent-encoding.`);
  }
}
