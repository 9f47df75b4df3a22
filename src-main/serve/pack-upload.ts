import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Largest pack accepted by upload in browser mode. Real archives are tens of megabytes; this
 * leaves room for image-heavy ones while a runaway upload cannot fill the disk unnoticed.
 */
export const MAX_PACK_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

/** Why an upload was not received; `status` is the HTTP answer. */
export class PackUploadError extends Error {
  constructor(
    readonly status: 413 | 400,
    message: string,
  ) {
    super(message);
  }
}

export interface ReceivedUpload {
  /** The pack file as received (to verify and install). */
  file: string;
  /** Deletes the temporary folder; call whatever the install did. */
  discard(): Promise<void>;
}

/**
 * Streams a request body to a file in a fresh temporary folder under `tempRoot`, never holding
 * it in memory, and stops as soon as it passes `maxBytes` (a declared Content-Length above the
 * limit is refused before reading anything). Nothing is left behind on failure.
 */
export async function receivePackUpload(
  request: http.IncomingMessage,
  tempRoot: string,
  maxBytes = MAX_PACK_UPLOAD_BYTES,
): Promise<ReceivedUpload> {
  const limitMessage = `The pack file is larger than the ${Math.round(maxBytes / (1024 * 1024))} MB this server accepts.`;
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new PackUploadError(413, limitMessage);
  const dir = await mkdtemp(path.join(tempRoot, 'upload-'));
  const file = path.join(dir, 'upload.archive');
  const discard = () => rm(dir, { recursive: true, force: true });
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > maxBytes) callback(new PackUploadError(413, limitMessage));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(request, limit, createWriteStream(file, { flags: 'wx' }));
  } catch (error) {
    await discard();
    if (error instanceof PackUploadError) throw error;
    throw new PackUploadError(
      400,
      `The pack file did not arrive whole (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  if (received === 0) {
    await discard();
    throw new PackUploadError(400, 'The request carried no pack file (empty body).');
  }
  return { file, discard };
}
