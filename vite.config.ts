import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompressAssets } from './src-main/serve/precompress';
import { httpRoutesModule } from './src-main/serve/http-routes-module';
import { preloadAppChunk } from './src-main/serve/preload-app-chunk';
import { appChunkGroup } from './src-main/serve/app-chunk-group';

const root = path.dirname(fileURLToPath(import.meta.url));
// The app chunk and everything it imports statically, as one chunk (src-main/serve/app-chunk-group.ts).
const appChunk = appChunkGroup({
  entry: /\/src-renderer\/main\.tsx$/,
  app: /\/src-renderer\/start-app\.tsx$/,
  name: 'start-app',
});
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

/**
 * The renderer, built once and served from `app://` (Electron) or http (browser mode):
 * relative asset URLs (`base: './'`), no inline scripts or styles (the CSP forbids them),
 * nothing fetched from anywhere but the app's own origin.
 */
export default defineConfig({
  root: path.join(root, 'src-renderer'),
  base: './',
  // Browser mode sends the `.br`/`.gz` copies of the hashed assets (src-main/serve/static-files.ts).
  // The page's HTTP client calls the routes of the method table (src-main/serve/http-routes-module.ts).
  // index.html preloads the app chunk the small entry imports (src-main/serve/preload-app-chunk.ts),
  // not the strings of both languages: the entry asks for the one the page shows.
  plugins: [
    react(),
    precompressAssets(path.join(root, 'dist/renderer')),
    httpRoutesModule(),
    appChunk.plugin,
    preloadAppChunk({ except: /\/src-renderer\/i18n\/(?:en|es)\.ts$/ }),
  ],
  define: { __APP_VERSION__: JSON.stringify(version) },
  // citation-js's HTTP clients, which the app never calls: stand-ins that refuse (src-renderer/no-network).
  resolve: {
    alias: {
      'node-fetch': path.join(root, 'src-renderer/no-network/node-fetch.ts'),
      'sync-fetch': path.join(root, 'src-renderer/no-network/sync-fetch.ts'),
    },
  },
  build: {
    outDir: path.join(root, 'dist/renderer'),
    emptyOutDir: true,
    // The preload polyfill would be an inline-free module anyway, but Chromium 40+ needs none.
    modulePreload: { polyfill: false },
    // Small assets inlined as data: URLs would be blocked by `img-src 'self'` / `font-src 'self'`.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'chrome120',
    // The one chunk above Vite's 500 kB is format-citations (citation-js and its CSL styles,
    // about 750 kB), which only the Cite dialog loads; anything else that large is news.
    chunkSizeWarningLimit: 800,
    rolldownOptions: { output: { codeSplitting: { groups: [appChunk.group] } } },
  },
});
