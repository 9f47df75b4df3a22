import { createHash } from 'node:crypto';
import path from 'node:path';
import { readFile, realpath, stat } from 'node:fs/promises';
import { contentTypeFor } from '../common/content-types';
import { PRECOMPRESSED_ENCODINGS, type ContentEncoding } from './precompress';

export interface StaticFile {
  contentType: string;
  body: Buffer;
  /** Set when `body` is a precompressed variant of the file. */
  encoding?: ContentEncoding;
  /** Strong validator of the file's content (the same for every encoding of it, plus the encoding). */
  etag: string;
  /** Files under `assets/` carry a content hash in their name and never change. */
  immutable: boolean;
  /** Whether a compressed variant exists, so caches must key on Accept-Encoding. */
  varies: boolean;
}

/**
 * Maps a URL path onto a file inside `rootDir`, or null when it must not be served.
 *
 * Refused: anything that does not decode cleanly, NUL bytes, backslashes (Windows
 * separators smuggled in), any `.`/`..` segment (also percent-encoded: the check runs
 * after decoding), and dot-files. As a last guard the resolved path must still lie
 * inside the root, so a rule forgotten above cannot escape it.
 */
export function resolveStaticPath(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').slice(1);
  if (segments.some((segment) => segment === '.' || segment === '..' || segment.startsWith('.'))) return null;
  if (segments.slice(0, -1).some((segment) => segment === '')) return null;
  const relative = segments.join('/') || 'index.html';
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, relative);
  if (!resolved.startsWith(root + path.sep)) return null;
  return resolved;
}

/** The encodings the client accepts (`Accept-Encoding`), in our order of preference, ignoring q=0. */
export function acceptedEncodings(acceptEncoding: string | undefined): ContentEncoding[] {
  if (!acceptEncoding) return [];
  const accepted = new Set<string>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) continue;
    accepted.add(name.trim());
  }
  return PRECOMPRESSED_ENCODINGS.filter((encoding) => accepted.has(encoding.name) || accepted.has('*')).map(
    (encoding) => encoding.name,
  );
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  body: Buffer;
  etag: string;
}

/** Bodies and validators of files already read, checked against the file's size and time on every use. */
const cache = new Map<string, CachedFile>();

async function readCached(filePath: string): Promise<CachedFile | null> {
  try {
    const info = await stat(filePath);
    if (!info.isFile()) return null;
    const hit = cache.get(filePath);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit;
    const body = await readFile(filePath);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const entry = { mtimeMs: info.mtimeMs, size: info.size, body, etag };
    cache.set(filePath, entry);
    return entry;
  } catch {
    return null;
  }
}

/** Resolves symbolic links: the real file must still lie inside the real root (no link out of the folder). */
async function realPathInside(rootDir: string, filePath: string): Promise<string | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(filePath)]);
    return realFile.startsWith(realRoot + path.sep) ? realFile : null;
  } catch {
    return null;
  }
}

/**
 * Reads a static file of the built UI (null when it does not exist, is not a regular file or
 * lies outside the folder), choosing its precompressed variant (`.br`, `.gz` beside it) when the
 * client accepts one.
 */
export async function readStaticFile(
  rootDir: string,
  urlPath: string,
  acceptEncoding?: string,
): Promise<StaticFile | null> {
  const candidate = resolveStaticPath(rootDir, urlPath);
  if (candidate === null) return null;
  const filePath = await realPathInside(rootDir, candidate);
  if (filePath === null) return null;
  const original = await readCached(filePath);
  if (original === null) return null;
  const contentType = contentTypeFor(path.extname(filePath));
  const relative = path.relative(await realpath(rootDir), filePath);
  const immutable = relative.split(path.sep)[0] === 'assets';
  let varies = false;
  for (const encoding of PRECOMPRESSED_ENCODINGS) {
    const variantPath = filePath + encoding.extension;
    if ((await realPathInside(rootDir, variantPath)) === null) continue;
    varies = true;
    if (!acceptedEncodings(acceptEncoding).includes(encoding.name)) continue;
    const variant = await readCached(variantPath);
    if (variant === null) continue;
    return {
      contentType,
      body: variant.body,
      encoding: encoding.name,
      etag: `${original.etag.slice(0, -1)}-${encoding.name}"`,
      immutable,
      varies,
    };
  }
  return { contentType, body: original.body, etag: original.etag, immutable, varies };
}
