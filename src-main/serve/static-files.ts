import path from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { contentTypeFor } from '../common/content-types';

export interface StaticFile {
  contentType: string;
  body: Buffer;
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

/** Reads a static file of the built UI; null when it does not exist or is not a regular file. */
export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | null> {
  const filePath = resolveStaticPath(rootDir, urlPath);
  if (filePath === null) return null;
  try {
    const info = await stat(filePath);
    if (!info.isFile()) return null;
    const body = await readFile(filePath);
    const contentType = contentTypeFor(path.extname(filePath));
    return { contentType, body };
  } catch {
    return null;
  }
}
