import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

/**
 * Build-time compression of the UI's hashed assets (brotli and gzip files beside each one), so
 * browser mode sends a phone a fraction of the bytes without compressing on every request.
 */
export type ContentEncoding = 'br' | 'gzip';

/** Preferred first. */
export const PRECOMPRESSED_ENCODINGS: readonly { name: ContentEncoding; extension: string }[] = [
  { name: 'br', extension: '.br' },
  { name: 'gzip', extension: '.gz' },
];

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map']);
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Writes `.br` and `.gz` beside every compressible file of `dir` (recursively) that they make smaller. */
export async function precompressFolder(dir: string): Promise<number> {
  let written = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      written += await precompressFolder(full);
      continue;
    }
    if (!entry.isFile() || !COMPRESSIBLE.has(path.extname(entry.name).toLowerCase())) continue;
    const body = await readFile(full);
    if (body.length < MIN_BYTES) continue;
    const [br, gz] = await Promise.all([
      brotli(body, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
      gzipAsync(body, { level: zlibConstants.Z_BEST_COMPRESSION }),
    ]);
    if (br.length < body.length) {
      await writeFile(full + '.br', br);
      written += 1;
    }
    if (gz.length < body.length) {
      await writeFile(full + '.gz', gz);
      written += 1;
    }
  }
  return written;
}

/** Vite plugin: precompresses the `assets/` folder of the output once the bundle is written. */
export function precompressAssets(outDir: string): { name: string; apply: 'build'; closeBundle: () => Promise<void> } {
  return {
    name: 'archivo-precompress-assets',
    apply: 'build',
    closeBundle: async () => {
      await precompressFolder(path.join(outDir, 'assets'));
    },
  };
}
