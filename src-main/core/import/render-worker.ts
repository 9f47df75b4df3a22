/**
 * Render worker (worker_threads): renders documents sent by the import's main thread, one at a
 * time and in the order received, and posts each outcome back. Started by `render-pool.ts`;
 * bundles start it from their own build of this file.
 */
import { parentPort } from 'node:worker_threads';
import { AssetStore } from './assets';
import { documentLinksFrom } from './document-links';
import type { DocumentLinks } from './references';
import { releasedRecognition, renderDocument, type RenderJob } from './render-document';
import { createDocumentAnalyser } from '../search/document-analysis';
import { AnalysisEncoder, transferablesOf } from './analysis-wire';
import { StringTable } from '../build/string-table';
import { readSourceSync, recogniseRecorded } from './recognise';
import type { FromRenderWorker, RenderedByWorker, ToRenderWorker, WireAsset } from './render-protocol';

const port = parentPort;
if (!port) throw new Error('render-worker must run in a worker thread');

const assets = new AssetStore();
/** Tokenising and stemming for the search index happen here too, in parallel (document-analysis.ts). */
const strings = new StringTable();
const analyse = createDocumentAnalyser(strings);
/** Analyses are encoded in the order they are posted (the main thread decodes them in that order). */
const encoder = new AnalysisEncoder(strings);
/** Ids whose bytes this worker already sent. */
const sentAssetIds = new Set<string>();
let links: DocumentLinks | null = null;
let analyseDocuments = true;
/** Messages are handled strictly one after the other (PDF rendering awaits). */
let queue: Promise<void> = Promise.resolve();

port.on('message', (message: ToRenderWorker) => {
  queue = queue.then(() => handle(message));
});

async function handle(message: ToRenderWorker): Promise<void> {
  if (message.kind === 'recognise') {
    try {
      const read = recogniseRecorded(message.file, readSourceSync(message.file.absolutePath));
      // Released here, the text is never copied to the main thread (half the corpus, at once).
      const recorded = message.release ? releasedRecognition(read) : read;
      port?.postMessage({ kind: 'recognised', index: message.index, ...recorded } satisfies FromRenderWorker);
    } catch {
      // Whatever went wrong (front matter that cannot be copied between threads...), the main
      // thread recognises this file itself; it must not wait for an answer that never comes.
      port?.postMessage({ kind: 'not-recognised', index: message.index } satisfies FromRenderWorker);
    }
    return;
  }
  if (message.kind === 'links') {
    links = documentLinksFrom(message.table);
    analyseDocuments = message.analyse;
    return;
  }
  if (!links) throw new Error('render job received before the link table');
  const result = await render(message.index, message.job, links);
  // The analysis' arrays are moved to the main thread, not copied.
  port?.postMessage(result, result.analysis ? transferablesOf(result.analysis) : []);
}

async function render(index: number, job: RenderJob, documentLinks: DocumentLinks): Promise<RenderedByWorker> {
  const outcome = await renderDocument(job, documentLinks, assets, analyseDocuments ? analyse : null);
  const wireAssets: WireAsset[] = outcome.assets.map((asset) => {
    const first = !sentAssetIds.has(asset.id);
    sentAssetIds.add(asset.id);
    return { id: asset.id, mime: asset.mime, source: asset.source, bytes: first ? asset.bytes : null };
  });
  const analysis = outcome.analysis ? encoder.encode(outcome.analysis) : null;
  return {
    kind: 'rendered',
    index,
    document: outcome.document,
    analysis,
    warnings: outcome.warnings,
    assets: wireAssets,
    fingerprint: outcome.fingerprint,
  };
}
