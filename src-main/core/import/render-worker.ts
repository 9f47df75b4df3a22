/**
 * Render worker (worker_threads): renders documents sent by the import's main thread, one at a
 * time and in the order received, and posts each outcome back. Started by `render-pool.ts`;
 * bundles start it from their own build of this file.
 */
import { parentPort } from 'node:worker_threads';
import { AssetStore } from './assets';
import { documentLinksFrom } from './document-links';
import type { DocumentLinks } from './references';
import { renderDocument, type RenderJob } from './render-document';
import type { FromRenderWorker, ToRenderWorker, WireAsset } from './render-protocol';

const port = parentPort;
if (!port) throw new Error('render-worker must run in a worker thread');

const assets = new AssetStore();
/** Ids whose bytes this worker already sent. */
const sentAssetIds = new Set<string>();
let links: DocumentLinks | null = null;
/** Messages are handled strictly one after the other (PDF rendering awaits). */
let queue: Promise<void> = Promise.resolve();

port.on('message', (message: ToRenderWorker) => {
  queue = queue.then(() => handle(message));
});

async function handle(message: ToRenderWorker): Promise<void> {
  if (message.kind === 'links') {
    links = documentLinksFrom(message.table);
    return;
  }
  if (!links) throw new Error('render job received before the link table');
  port?.postMessage(await render(message.index, message.job, links));
}

async function render(index: number, job: RenderJob, documentLinks: DocumentLinks): Promise<FromRenderWorker> {
  const outcome = await renderDocument(job, documentLinks, assets);
  const wireAssets: WireAsset[] = outcome.assets.map((asset) => {
    const first = !sentAssetIds.has(asset.id);
    sentAssetIds.add(asset.id);
    return { id: asset.id, mime: asset.mime, source: asset.source, bytes: first ? asset.bytes : null };
  });
  return { index, document: outcome.document, warnings: outcome.warnings, assets: wireAssets };
}
