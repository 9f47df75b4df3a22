import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { assetIdFromUrl, createAssetProtocolHandler, type AssetBytes } from '../../../src-main/main/asset-protocol';

// Real images from the shared corpus, addressed by their SHA-256 as the importer stores them.
const images = path.resolve(__dirname, '../../../../shared/corpus/gobiernofacil/assets/images');
const png = readFileSync(path.join(images, 'anaya.png'));
const jpeg = readFileSync(path.join(images, 'epicentro.JPG'));
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const stored = new Map<string, AssetBytes>([
  [sha(png), { mime: 'image/png', bytes: png }],
  [sha(jpeg), { mime: 'image/jpeg', bytes: jpeg }],
]);

function handlerWithSpy() {
  const lookup = vi.fn(async (id: string) => stored.get(id) ?? null);
  return { lookup, handle: createAssetProtocolHandler(lookup) };
}

describe('asset:// protocol', () => {
  it('serves a stored image by its sha256 with its type and the exact bytes', async () => {
    const { handle } = handlerWithSpy();
    const response = await handle(new Request(`asset://${sha(png)}`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    const photo = await handle(new Request(`asset://${sha(jpeg)}/`));
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
  });

  it.each([
    'asset://not-a-hash',
    `asset://${sha(png).slice(0, 63)}`,
    `asset://${sha(png)}0`,
    `asset://${sha(png)}/../../etc/passwd`,
    `asset://${sha(png)}/other`,
    `asset://${sha(png)}?download=1`,
    `app://${sha(png)}`,
  ])('answers 404 to %s without asking the database', async (url) => {
    const { handle, lookup } = handlerWithSpy();
    const response = await handle(new Request(url));
    expect(response.status).toBe(404);
    expect(lookup).not.toHaveBeenCalled();
  });

  it('answers 404 for a well-formed id the corpus does not have, and when the archive is unavailable', async () => {
    const { handle, lookup } = handlerWithSpy();
    const unknown = sha(Buffer.from('no such image'));
    expect((await handle(new Request(`asset://${unknown}`))).status).toBe(404);
    expect(lookup).toHaveBeenCalledWith(unknown);
    const failing = createAssetProtocolHandler(async () => {
      throw new Error('archive still loading');
    });
    expect((await failing(new Request(`asset://${sha(png)}`))).status).toBe(404);
  });

  it('never labels stored bytes with a type that is not an image', async () => {
    const html = Buffer.from('<script>alert(1)</script>');
    const handle = createAssetProtocolHandler(async () => ({ mime: 'text/html', bytes: html }));
    const response = await handle(new Request(`asset://${sha(html)}`));
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('reads the id from the host, lower-case hex only', () => {
    expect(assetIdFromUrl(`asset://${sha(png)}`)).toBe(sha(png));
    // Standard schemes lower-case the host, so an upper-case id still names the same asset.
    expect(assetIdFromUrl(`asset://${sha(png).toUpperCase()}`)).toBe(sha(png));
    expect(assetIdFromUrl('asset://')).toBeNull();
    // (fetch refuses to build a Request with credentials, so this case is checked here)
    expect(assetIdFromUrl(`asset://user:pw@${sha(png)}`)).toBeNull();
    expect(assetIdFromUrl(`asset://${sha(png)}:8080`)).toBeNull();
  });
});
