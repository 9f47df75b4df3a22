import type { ImportedDocument } from './model';
import type { WireAnalysis } from './analysis-wire';
import type { DuplicateFingerprint } from './duplicates';
import type { DocumentLinkTable } from './document-links';
import type { RecordedRecognition } from './recognise';
import type { RenderedWarning, RenderJob } from './render-document';
import type { SourceFile } from './source-files';

/**
 * Main thread -> render worker. Files to recognise may come first (phase 1, while the main thread
 * reads the others); then the link table (it needs every file read); then jobs.
 */
export type ToRenderWorker =
  /** `release`: send the recognition back with its text let go (`releasedRecognition`), as the import asks. */
  | { kind: 'recognise'; index: number; file: SourceFile; release: boolean }
  | { kind: 'links'; table: DocumentLinkTable; analyse: boolean }
  | { kind: 'render'; index: number; job: RenderJob };

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

/** Render worker -> main thread: a file recognised (phase 1), or the outcome of job `index`. */
export type FromRenderWorker =
  | ({ kind: 'recognised'; index: number } & RecordedRecognition)
  | { kind: 'not-recognised'; index: number }
  | RenderedByWorker;

export interface RenderedByWorker {
  kind: 'rendered';
  index: number;
  document: ImportedDocument | null;
  analysis: WireAnalysis | null;
  warnings: RenderedWarning[];
  assets: WireAsset[];
  fingerprint: DuplicateFingerprint | null;
}
