import { availableParallelism } from 'node:os';
import type { ImportedAsset, ImportedDocument, ImportResult } from './model';
import { createDocumentAnalyser, type DocumentAnalysis } from '../search/document-analysis';
import type { StringTable } from '../build/string-table';
import { AssetStore } from './assets';
import { buildDocumentLinkTable, documentLinksFrom } from './document-links';
import { releasedRecognition, renderDocument, type RenderJob, type RenderOutcome } from './render-document';
import { defaultRenderWorkerScript, RenderPool } from './render-pool';
import { recogniseRecorded, readSourceSync, type RecordedRecognition, type Recognised } from './recognise';
import { DuplicateFinder, duplicateFingerprint, duplicateWarning } from './duplicates';
import { relativePosix, repeatedReadmes, selectFiles } from './exclusions';
import type { FieldMap } from './field-mapping';
import { errorMessage } from './safe-yaml';
import { SiteConfigs, type JekyllSite } from './site-config';
import { listSourceFiles, type SourceFile } from './source-files';
import { WarningLog, type FileWarnings } from './warnings';

export interface ImportProgress {
  done: number;
  total: number;
  file: string;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Threads rendering documents, this one included (default: one per core, only this one for small
   * imports); 2 means this thread and one worker, 0 or 1 this thread only. The result is the same.
   */
  threads?: number;
  /**
   * The render worker's script (a built `render-worker`), for bundles where it does not sit beside
   * this module; without one, documents are rendered in this thread.
   */
  workerScript?: URL;
  /**
   * Whether each document's search analysis is computed while rendering (default true). Off only
   * for an import that feeds another index (the benchmark's FTS5 baseline); the sink then gets null.
   */
  analyse?: boolean;
  /** Front-matter keys -> fields (`--field twitt=description`), over each folder's archivo.yml and the defaults. */
  fields?: FieldMap;
  /** Globs of files to leave out, relative to each folder input (`--exclude '**\/README*'`). */
  exclude?: string[];
  /**
   * Absolute paths of what this run writes (the build's database): left out when found among the
   * inputs, with their temporary files, when a librarian builds into a folder it also imports.
   */
  ownOutputs?: readonly string[];
  /**
   * From this many files, each file's text is let go once recognised and read again when rendered
   * (`releasedText`), so that memory does not grow with the corpus; default 2,000.
   */
  releaseTextFrom?: number;
  /**
   * Where analyses number their strings (the corpus writer's table, `CorpusWriter.strings`), so the
   * writer looks none of them up again; without one, the import numbers them in a table of its own.
   */
  strings?: StringTable;
}

/** Below this many files, keeping every text from recognition to rendering costs little memory. */
const RELEASE_TEXT_FROM = 2000;

export { MAX_DOCUMENT_BYTES } from './recognise';

/** A recognised file waiting for its turn to render (its warnings: `warnings.forFile(file.source)`). */
type Candidate = RenderJob;

/**
 * Below this many files per thread, starting workers costs more than it saves (a worker started from
 * sources loads the Markdown toolchain through tsx: about 1.5 s of CPU, 0.25 s from a bundle).
 */
const MIN_DOCUMENTS_PER_THREAD = 50;

/**
 * Receives each imported document with its search analysis, in ascending id order; `fileOrder` is
 * the document's place among the imported files (for callers that want file order back). The
 * analysis is null only with `analyse: false` (CorpusWriter.add analyses such a document itself).
 */
export type DocumentSink = (document: ImportedDocument, analysis: DocumentAnalysis | null, fileOrder: number) => void;

/** What an import into a sink returns: everything but the documents, which went to the sink. */
export interface StreamedImport {
  /** Documents handed to the sink. */
  documents: number;
  assets: ImportedAsset[];
  warnings: ImportResult['warnings'];
}

/**
 * Imports folders (walked recursively) and files into documents, images and warnings.
 * Content decides the format (PDF magic, HTML markup, front matter, Markdown signs), never the
 * extension. Bad input never stops the import and never runs anything: each problem becomes a
 * warning naming the file (and line), and the rest is imported. Output order and content are
 * deterministic for the same input, whether documents are rendered in worker threads or not.
 * Documents come in file order.
 */
export async function importSources(inputs: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const collected: Array<{ document: ImportedDocument; analysis: DocumentAnalysis | null; fileOrder: number }> = [];
  const streamed = await importInto(
    inputs,
    (document, analysis, fileOrder) => collected.push({ document, analysis, fileOrder }),
    options,
  );
  collected.sort((a, b) => a.fileOrder - b.fileOrder);
  return {
    documents: collected.map((entry) => entry.document),
    analyses: new Map(
      collected.flatMap((entry) => (entry.analysis ? [[entry.document.id, entry.analysis] as const] : [])),
    ),
    assets: streamed.assets,
    warnings: streamed.warnings,
  };
}

/**
 * The import, handing each document to `sink` as soon as it is rendered, in ascending id order
 * (the order of the corpus database's rows and of the search index's refs), so that a build
 * writes while documents are still being rendered and never holds them all.
 *
 * Warnings keep file order: those of phase 1 (reading) for every file first, then those of
 * rendering, file by file, as if documents had been rendered in file order. An image is named by
 * the first document in file order that references it. If the sink throws, rendering stops
 * being delivered and the sink's error is thrown once the render threads are stopped.
 */
export async function importInto(
  inputs: string[],
  sink: DocumentSink,
  options: ImportOptions = {},
): Promise<StreamedImport> {
  const warnings = new WarningLog();
  const sites = new SiteConfigs(warnings);
  const analyse = options.analyse !== false;

  // Phase 1: read and recognise every file, so links between documents can be resolved in phase 2.
  const selection = selectFiles(listSourceFiles(inputs, warnings), options, warnings);
  const files = selection.files;
  const releaseText = files.length >= (options.releaseTextFrom ?? RELEASE_TEXT_FROM);
  const noFieldMap: FieldMap = {};
  const fieldMapOf = (file: SourceFile): FieldMap => selection.fieldMaps.get(file.inputRoot) ?? noFieldMap;
  // Applied as soon as each file is recognised, here or in the worker: none keeps its text until phase 2.
  const release = (recorded: RecordedRecognition): RecordedRecognition =>
    releaseText ? releasedRecognition(recorded) : recorded;
  const recogniseHere = (file: SourceFile): RecordedRecognition =>
    release(recogniseRecorded(file, readSourceSync(file.absolutePath)));
  // Workers start now: loading the Markdown toolchain overlaps reading the files.
  const pool = startRenderPool(files.length, options);
  try {
    const candidates: Candidate[] = [];
    const seenIds = new Map<string, string>();
    // Every other file is recognised in a worker meanwhile (it has nothing else to do until the
    // link table exists), the others here; then all are replayed in file order (warnings, site
    // lookups, duplicate ids) exactly as if each had been read here in turn.
    const delegated = pool?.canRecognise()
      ? delegateRecognition(files, pool, releaseText)
      : new Map<number, Promise<RecordedRecognition | null>>();
    // Files are read synchronously, in turn. Why not ahead on libuv's threads (as before): each file
    // took five hand-offs to the pool and back (stat, open, fstat, read, close) and a chain of
    // promises, for a read of microseconds from the page cache: on 10,000 generated posts 30-58% of
    // this thread's samples while it read files (load average 20), and reading 5,000 posts cost
    // 0.22-0.50 s of CPU that way against 0.07-0.09 s synchronously. Nothing else waits for this
    // thread meanwhile: the worker recognises its files on its own.
    const recordedHere = new Map<number, RecordedRecognition>();
    for (const [index, file] of files.entries()) {
      if (!delegated.has(index)) recordedHere.set(index, recogniseHere(file));
    }
    for (const [index, file] of files.entries()) {
      const warn = warnings.forFile(file.source);
      const siteFor = (): JekyllSite | null => sites.siteFor(file.absolutePath, file.inputRoot);
      try {
        // A worker that failed leaves its files to this thread.
        const recorded = recordedHere.get(index) ?? (await delegated.get(index)) ?? recogniseHere(file);
        recordedHere.delete(index);
        delegated.delete(index);
        const recognised = replayRecognition(recorded, warn, siteFor);
        if (!recognised) continue;
        const candidate: Candidate = { ...recognised, file, fieldMap: fieldMapOf(file) };
        const earlier = seenIds.get(candidate.id);
        if (earlier !== undefined) {
          warn(`duplicate document id ${candidate.id} (same source path as an earlier input, ${earlier}); skipped`);
          continue;
        }
        seenIds.set(candidate.id, file.absolutePath);
        candidates.push(candidate);
      } catch (error) {
        warn(`could not be imported: ${errorMessage(error)}`);
      }
    }

    for (const readme of repeatedReadmes(candidates)) {
      warnings.forFile(readme.file.source)(
        'left out: a README without front matter, identical to others in the archive',
        undefined,
        'excluded',
      );
      candidates.splice(candidates.indexOf(readme), 1);
    }

    // Phase 2: render in id order (ids are unique: duplicates were skipped above), in workers or here.
    const fileOrder = new Map(candidates.map((candidate, order) => [candidate, order]));
    const byId = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // Candidates are their own render jobs: a copy of each was one more object per file.
    const jobs: readonly RenderJob[] = byId;
    // In file order, as always: where two files claim the same permalink or slug, the later file wins.
    const table = buildDocumentLinkTable(candidates);
    const outcomes = new Array<Pick<RenderOutcome, 'warnings' | 'assets'> | undefined>(candidates.length);
    let delivered = 0;
    // An object the merge callback fills: a local it assigns would read as never set below.
    const sinkFailure: { error?: { cause: unknown } } = {};
    const duplicates = new DuplicateFinder();
    const merge = (index: number, outcome: RenderOutcome): void => {
      const candidate = byId[index];
      if (!candidate) return;
      const order = fileOrder.get(candidate);
      if (order === undefined) throw new Error(`render job ${index} has no place in the file order`);
      // Warnings and images are resolved in file order at the end; the document goes on now. Most
      // documents have neither: nothing is kept for them (an object each was 10 MB at 100,000).
      if (outcome.warnings.length > 0 || outcome.assets.length > 0)
        outcomes[order] = { warnings: outcome.warnings, assets: outcome.assets };
      if (outcome.document) {
        const fingerprint = outcome.fingerprint ?? duplicateFingerprint(outcome.document);
        duplicates.addFingerprint(candidate.file.source, order, fingerprint);
      }
      if (outcome.document && !sinkFailure.error) {
        try {
          sink(outcome.document, outcome.analysis, order);
          delivered += 1;
        } catch (error) {
          sinkFailure.error = { cause: error };
        }
      }
      options.onProgress?.({ done: index + 1, total: candidates.length, file: candidate.file.source });
    };
    if (pool) {
      await pool.renderAll(jobs, table, merge);
    } else {
      const links = documentLinksFrom(table);
      const store = new AssetStore();
      const analyser = analyse ? createDocumentAnalyser(options.strings) : null;
      for (const [index, job] of jobs.entries()) merge(index, await renderDocument(job, links, store, analyser));
    }
    if (sinkFailure.error) throw sinkFailure.error.cause;

    const assets = new Map<string, ImportedAsset>();
    candidates.forEach((candidate, order) => {
      const outcome = outcomes[order];
      if (!outcome) return;
      const warn = warnings.forFile(candidate.file.source);
      for (const warning of outcome.warnings) warn(warning.message, warning.line, warning.code, warning.count);
      // An image is named by the first document (in file order) that references it.
      for (const asset of outcome.assets) if (!assets.has(asset.id)) assets.set(asset.id, asset);
    });
    // After every document's own warnings: two sources that yield the same document, named together.
    const excludePath = (candidate: Candidate): string =>
      relativePosix(candidate.file.inputRoot, candidate.file.absolutePath);
    for (const pair of duplicates.pairs()) {
      const first = candidates[pair.first.fileOrder];
      const second = candidates[pair.second.fileOrder];
      if (!first || !second) continue;
      warnings.forFile(second.file.source)(
        duplicateWarning(pair, { first: excludePath(first), second: excludePath(second) }),
        undefined,
        'duplicate',
      );
    }
    return { documents: delivered, assets: [...assets.values()], warnings: warnings.entries };
  } finally {
    await pool?.close();
  }
}

/**
 * Threads for phase 2 (this one plus workers), or null to render in this thread only (few files,
 * one core, no worker script).
 */
function startRenderPool(fileCount: number, options: ImportOptions): RenderPool | null {
  const threads = options.threads ?? Math.min(availableParallelism(), Math.floor(fileCount / MIN_DOCUMENTS_PER_THREAD));
  if (threads < 2) return null;
  const script = options.workerScript ?? defaultRenderWorkerScript();
  return script ? new RenderPool(threads - 1, script, true, options.analyse !== false, options.strings) : null;
}

/** Every other file to the pool's worker, all asked at once (it answers in order), released there with `release`. */
function delegateRecognition(
  files: readonly SourceFile[],
  pool: RenderPool,
  release: boolean,
): Map<number, Promise<RecordedRecognition | null>> {
  const delegated = new Map<number, Promise<RecordedRecognition | null>>();
  files.forEach((file, index) => {
    if (index % 2 === 1) delegated.set(index, pool.recogniseElsewhere(index, file, release));
  });
  return delegated;
}

/**
 * A recorded recognition as if done now: its warnings logged for the file in order, the site
 * looked up at the point the file asked for it (so warnings about a `_config.yml` come where they
 * always did) and put in the result.
 */
function replayRecognition(
  remote: RecordedRecognition,
  warn: FileWarnings,
  siteFor: () => JekyllSite | null,
): Recognised | null {
  let site: JekyllSite | null = null;
  remote.warnings.forEach((warning, at) => {
    if (at === remote.siteAsked) site = siteFor();
    warn(warning.message, warning.line, warning.code, warning.count);
  });
  if (remote.siteAsked !== null && remote.siteAsked >= remote.warnings.length) site = siteFor();
  return remote.recognised ? { ...remote.recognised, site } : null;
}
