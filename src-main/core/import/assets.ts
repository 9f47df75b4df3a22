import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ImportedAsset } from './model';
import { sha256Hex } from './identity';
import { isInside } from './site-config';
import { looksLikeSvg, sniffImageMime } from './sniff';

/** Largest image stored in the corpus database. */
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export type AssetLookup =
  /**
   * `source` names the image as THIS call reached it (boundary folder + path), which may differ from
   * `asset.source` (the first path it was read by in this thread). Documents rendered in parallel
   * report it so that the merged corpus names each image as a sequential import would: by the first
   * reference in document order.
   */
  { kind: 'stored'; asset: ImportedAsset; source: string } | { kind: 'missing' } | { kind: 'refused'; reason: string };

/**
 * Images read from inside the corpus, stored once by content hash. Every path is checked to stay
 * inside its boundary folder twice: lexically (`..`, percent-encoded or not) and after following
 * symlinks (realpath), so a link cannot smuggle `/etc/...` or a file beside the corpus into an installer.
 */
type CachedLookup = { kind: 'stored'; asset: ImportedAsset } | Exclude<AssetLookup, { kind: 'stored' }>;

export class AssetStore {
  private readonly byId = new Map<string, ImportedAsset>();
  private readonly byRealPath = new Map<string, CachedLookup>();

  get assets(): ImportedAsset[] {
    return [...this.byId.values()];
  }

  load(absolutePath: string, boundary: string): AssetLookup {
    if (!isInside(absolutePath, boundary)) return { kind: 'refused', reason: 'it points outside the corpus folder' };
    let realPath: string;
    let realBoundary: string;
    try {
      realPath = realpathSync(absolutePath);
      realBoundary = realpathSync(boundary);
    } catch {
      return { kind: 'missing' };
    }
    if (!isInside(realPath, realBoundary))
      return { kind: 'refused', reason: 'it is a link to a file outside the corpus folder' };
    const source = labelWithin(boundary, absolutePath);
    let result = this.byRealPath.get(realPath);
    if (!result) {
      result = this.read(source, realPath);
      this.byRealPath.set(realPath, result);
    }
    return result.kind === 'stored' ? { ...result, source } : result;
  }

  private read(source: string, realPath: string): CachedLookup {
    let bytes: Buffer;
    try {
      const stats = statSync(realPath);
      if (!stats.isFile()) return { kind: 'missing' };
      if (stats.size > MAX_IMAGE_BYTES) return { kind: 'refused', reason: 'it is larger than 20 MB' };
      bytes = readFileSync(realPath);
    } catch (error) {
      return {
        kind: 'refused',
        reason: `it could not be read (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    const mime = sniffImageMime(bytes);
    if (!mime) {
      const reason = looksLikeSvg(bytes)
        ? 'SVG images can carry scripts and are not stored'
        : 'its bytes are not a PNG, JPEG, GIF or WebP image';
      return { kind: 'refused', reason };
    }
    const id = sha256Hex(bytes);
    let asset = this.byId.get(id);
    if (!asset) {
      asset = { id, mime, bytes, source };
      this.byId.set(id, asset);
    }
    return { kind: 'stored', asset };
  }
}

/** Resolves a path written in a document: `/x` against the site root, anything else against the document's folder. */
export function resolveLocalPath(reference: string, documentPath: string, siteRoot: string): string {
  return reference.startsWith('/')
    ? path.join(siteRoot, reference)
    : path.resolve(path.dirname(documentPath), reference);
}

/** `<folder name>/<relative path>`, the same naming as documents' `source`. */
export function labelWithin(folder: string, absolutePath: string): string {
  return [path.basename(folder), ...path.relative(folder, absolutePath).split(path.sep)].join('/');
}
