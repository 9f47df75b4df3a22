import { writeFile } from 'node:fs/promises';
import type http from 'node:http';
import { callHandler, parseApiArguments, type ApiArgs, type ApiHandlers } from '../common/api-methods';
import type { HttpApiMethod, HttpRoute, OwnerGroup } from '../common/http-routes';
// From common/limits, not the annotations barrel: that would load the notes' database code at start.
import { MAX_IMPORT_BYTES } from '../common/limits';
import { HttpProblem, problem, refusal } from './http-problem';
import { send, sendJson } from './http-send';
import { ownerGroupAbsent, refuseForeignOwnerRequest, type OwnerSession } from './owner-guard';
import { PackUploadError, receivePackUpload, type ReceivedUpload } from './pack-upload';
import { decodePathSegment, readJsonBody } from './request-body';

/** An argument list carries a whole JSON-LD import at most (the core's own limit, plus the array around it). */
const MAX_ARGUMENTS_BODY_BYTES = MAX_IMPORT_BYTES * 2 + 1024;
/** A minisign signature is under 9 KiB of text: base64 of 16 KiB is more than enough. */
const MAX_SIGNATURE_HEADER = 22_000;
/** Header that carries a pack's `.minisig` (base64 of its text) with an upload. */
export const PACK_SIGNATURE_HEADER = 'x-pack-signature';

/** Where uploads go and how long they may pause (the `upload` binding). */
export interface UploadPlace {
  dir: string;
  maxBytes: number;
  idleMs: number;
}

/** What one call needs besides its route: this session's handlers and its limits. */
export interface ApiCallContext extends OwnerSession {
  handlers: ApiHandlers<HttpApiMethod>;
  /** The owner groups this session offers (none when shared on a network). */
  ownerGroups: ReadonlySet<OwnerGroup>;
  /** Where pack uploads are received; absent: uploads are refused like any absent owner route. */
  upload?: UploadPlace;
  /**
   * Admission for expensive calls (searches): a release function, or null when this client
   * already has its share running (429). Cheap reads never wait for it.
   */
  admit(name: HttpApiMethod, address: string): (() => void) | null;
  /** A long upload is bounded by its pauses, not its total time (connection-limits.ts). */
  relaxDeadline(idleMs: number): void;
  /** Headers a method's answer carries besides its JSON (the status names the owner routes). */
  headersFor?(name: HttpApiMethod, request: http.IncomingMessage): Record<string, string>;
}

/**
 * Answers one call of the method table over HTTP, whatever the method: owner routes checked,
 * arguments read as the binding says and validated against the table's schema (400 naming the
 * field), the handler called, its result sent as the binding says. Errors are thrown for the
 * server to answer (http-problem.ts).
 */
export async function answerApiCall(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  call: { name: HttpApiMethod; route: HttpRoute; segment: string; query: URLSearchParams },
  context: ApiCallContext,
): Promise<void> {
  const { name, route } = call;
  if (route.group !== 'archive') {
    if (!context.ownerGroups.has(route.group)) throw ownerGroupAbsent(route.group);
    refuseForeignOwnerRequest(request, route.group, context);
  }
  const upload = route.kind === 'upload' ? await receiveUpload(request, context) : undefined;
  try {
    const raw = upload ? [upload.file, uploadPermissions(call.query)] : await readArguments(request, call);
    const args: ApiArgs<HttpApiMethod> = parseApiArguments(name, raw);
    const release = context.admit(name, request.socket.remoteAddress ?? '?');
    if (release === null) {
      throw refusal(429, 'Too many searches at once from this device. Try again in a moment.', {
        'Retry-After': '1',
      });
    }
    let result: unknown;
    const started = performance.now();
    try {
      result = await callHandler(context.handlers, name, args);
    } finally {
      release();
    }
    const timing = serverTiming(performance.now() - started);
    sendResult(response, call, result, { ...timing, ...(context.headersFor?.(name, request) ?? {}) });
  } finally {
    // Discarded before the answer is read: a client that sees it never finds the upload still there.
    await upload?.discard();
  }
}

/**
 * The handler's time (a search: waiting for a thread of the pool and running it), as a
 * `Server-Timing` entry the page's Resource Timing exposes (`serverTiming`): it tells the
 * server's share of a slow answer from the link's (bench/ui-latency.ts reads it).
 */
function serverTiming(handlerMs: number): Record<string, string> {
  return { 'Server-Timing': `app;dur=${handlerMs.toFixed(1)}` };
}

async function readArguments(
  request: http.IncomingMessage,
  call: { route: HttpRoute; segment: string; query: URLSearchParams },
): Promise<readonly unknown[]> {
  switch (call.route.kind) {
    case 'get':
      return [];
    case 'get-id':
    case 'get-bytes':
    case 'delete-id':
      return [decodePathSegment(call.segment, idNoun(call.route))];
    case 'get-query':
      return [request.method === 'POST' ? await readJsonBody(request) : objectOfQuery(call.query)];
    case 'post-args': {
      const body = await readJsonBody(request, MAX_ARGUMENTS_BODY_BYTES);
      if (!Array.isArray(body))
        throw problem('InvalidArgument', 'Invalid request: the body must be a JSON array of arguments.');
      const args: readonly unknown[] = body;
      return args;
    }
    case 'upload':
      throw new Error('uploads are received before their arguments are read');
  }
}

/**
 * A `get-query` argument: each parameter is a field, its value that field's JSON (the method's
 * schema then checks the object as it checks a POST body). A value that is not JSON is refused
 * naming its parameter.
 */
function objectOfQuery(query: URLSearchParams): Record<string, unknown> {
  // Own properties only (fromEntries): a parameter named __proto__ is a field the schema refuses, not a prototype.
  return Object.fromEntries(
    [...query].map(([name, value]): [string, unknown] => {
      try {
        return [name, JSON.parse(value)];
      } catch {
        throw problem('InvalidArgument', `Invalid request: the parameter ${name} is not JSON.`);
      }
    }),
  );
}

/** What a path's id names, for messages: `/api/packs/<id>` carries a `pack id`, `/api/documents/<id>` a `document id`. */
function idNoun(route: HttpRoute): string {
  const collection = route.path.split('/').filter(Boolean).at(-1) ?? '';
  return `${collection.replace(/s$/, '')} id`;
}

/**
 * `upload`: the request body is the file itself (never form-encoded, never held in memory),
 * streamed to a temporary file; a signature sent with it goes beside it, where the library looks.
 */
async function receiveUpload(request: http.IncomingMessage, context: ApiCallContext): Promise<ReceivedUpload> {
  const place = context.upload;
  if (!place) throw ownerGroupAbsent('packs');
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/octet-stream')) {
    throw problem(
      'InvalidArgument',
      'Invalid request: send the file as the body (Content-Type: application/octet-stream).',
    );
  }
  // A 2 GB pack over a slow link takes long: only a pause between reads ends it, not its total time.
  context.relaxDeadline(place.idleMs);
  let upload: ReceivedUpload;
  try {
    upload = await receivePackUpload(request, place.dir, place.maxBytes);
  } catch (error) {
    if (error instanceof PackUploadError)
      throw new HttpProblem(error.status, { name: 'InvalidArgument', message: error.message });
    throw error;
  }
  const signature = request.headers[PACK_SIGNATURE_HEADER];
  if (typeof signature === 'string' && signature.length <= MAX_SIGNATURE_HEADER) {
    await writeFile(`${upload.file}.minisig`, Buffer.from(signature, 'base64'));
  }
  return upload;
}

/** `?allowDowngrade=1&allowUntrusted=1`: what the user allowed after the server's question. */
function uploadPermissions(query: URLSearchParams): { allowDowngrade: boolean; allowUntrusted: boolean } {
  return { allowDowngrade: query.get('allowDowngrade') === '1', allowUntrusted: query.get('allowUntrusted') === '1' };
}

function sendResult(
  response: http.ServerResponse,
  call: { route: HttpRoute; segment: string },
  result: unknown,
  extraHeaders: Record<string, string>,
): void {
  const { kind } = call.route;
  if ((kind === 'get-id' || kind === 'get-bytes') && (result === null || result === undefined)) {
    const noun = idNoun(call.route);
    throw problem('NotFound', `No ${noun.replace(/ id$/, '')} has the id ${decodePathSegment(call.segment, noun)}.`);
  }
  if (kind === 'get-bytes') {
    if (!isBytesWithType(result)) throw new Error('a bytes route answered something other than bytes');
    // Only images leave the database under their own type; nosniff keeps the browser from guessing.
    const contentType = result.mime.startsWith('image/') ? result.mime : 'application/octet-stream';
    send(response, 200, contentType, result.bytes, { 'Cache-Control': 'public, max-age=31536000, immutable' });
    return;
  }
  // `undefined` (a call that returns nothing) is sent as null: JSON has no undefined.
  sendJson(response, 200, result ?? null, extraHeaders);
}

function isBytesWithType(value: unknown): value is { mime: string; bytes: Uint8Array } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'mime' in value &&
    typeof value.mime === 'string' &&
    'bytes' in value &&
    value.bytes instanceof Uint8Array
  );
}
