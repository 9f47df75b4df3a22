import { assetIdSchema } from '../common/api-schemas';
import type { ProtocolHandler } from './app-protocol';

/** An image as the archive worker returns it. */
export interface AssetBytes {
  mime: string;
  bytes: Uint8Array;
}

export type AssetLookup = (assetId: string) => Promise<AssetBytes | null>;

/** Image types the reader displays; anything else is sent as opaque bytes and never sniffed. */
const IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/svg+xml',
]);

const ASSET_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  // An SVG opened on its own would otherwise be a document able to run script.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  'Cache-Control': 'private, max-age=31536000, immutable',
};

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...ASSET_HEADERS, 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * `asset://<sha256>`: the id is the host (the scheme is registered as standard, so it
 * is lower-cased by the URL parser). Anything that is not exactly a 64-hex id, or
 * carries a path, query or credentials, is 404 without asking the database.
 */
export function assetIdFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'asset:') return null;
  if (parsed.username || parsed.password || parsed.port || parsed.search) return null;
  if (parsed.pathname !== '' && parsed.pathname !== '/') return null;
  // Chromium lower-cases the host of a standard scheme; Node's URL does not (asset: is not special to it).
  const result = assetIdSchema.safeParse(parsed.hostname.toLowerCase());
  return result.success ? result.data : null;
}

export function createAssetProtocolHandler(lookup: AssetLookup): ProtocolHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const id = assetIdFromUrl(request.url);
    if (id === null) return notFound();
    let asset: AssetBytes | null;
    try {
      asset = await lookup(id);
    } catch {
      return notFound(); // archive still loading or failed: the image shows as broken, the app goes on
    }
    if (asset === null) return notFound();
    const type = IMAGE_TYPES.has(asset.mime) ? asset.mime : 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(asset.bytes), {
      status: 200,
      headers: { ...ASSET_HEADERS, 'Content-Type': type },
    });
  };
}
