import type { ImportedDocument } from '../model';
import type { WireAnalysis } from './analysis-wire';
import type { DocumentLinkTable } from './document-links';
import type { RenderedWarning, RenderJob } from './render-document';

/** Main thread -> render worker. The link table comes first (it needs every file read); jobs follow. */
export type ToRenderWorker = { kind: 'links'; table: DocumentLinkTable; analyse: boolean } | { kind: 'render'; index: number; job: RenderJob };

/**
 * An image as a worker reports it: its bytes only the first time that worker reports the id
 * (documents share images; copying them once per use between threads would be waste).
 */
export interface WireAsset {
  id: string;
  mime: string;
  source: string;
  bytes: Uint8Array | null;
}

/** Render worker -> main thread: the outcome of job `index`. */
export interface FromRenderWorker {
  index: number;
  document: ImportedDocument | null;
  analysis: WireAnalysis | null;
  warnings: RenderedWarning[];
  assets: WireAsset[];
}
