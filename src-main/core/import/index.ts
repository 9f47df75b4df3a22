import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { ImportedAsset, ImportedDocument, ImportResult } from '../model';
import { createDocumentAnalyser, type DocumentAnalyser, type DocumentAnalysis } from '../search/document-analysis';
import { AssetStore } from './assets';
import { decodeText } from './decode';
import { buildDocumentLinkTable, documentLinksFrom } from './document-links';
import { splitFrontMatter } from './front-matter';
import { documentIdFor, sha256Hex } from './identity';
import { readPostFields } from './jekyll-fields';
import { renderDocument, type RenderJob, type RenderOutcome } from './render-document';
import { defaultRenderWorkerScript, RenderPool } from './render-pool';
import { errorMessage } from './safe-yaml';
import { SiteConfigs } from './site-config';
import { isImageFile, isPdf, looksBinary, looksLikeHtml, looksLikeMarkdown } from './sniff';
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
}

/** Files larger than this are skipped: no document of an archive like this is that big, and parsing it would stall the build. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

interface Candidate extends RenderJob {
  warn: FileWarnings;
}

/**
 * Below this many files per thread, starting workers costs more than it saves (a worker started from
 * sources loads the Markdown toolchain through tsx: about 1.5 s of CPU, 0.25 s from a bundle).
 */
const MIN_DOCUMENTS_PER_THREAD = 50;

/**
 * Receives each imported document with its search analysis, in ascending id order; `fileOrder` is
 * the document's place among the imported files (for callers that want file order back).
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
  const streamed = await importInto(inputs, (document, analysis, fileOrder) => collected.push({ document, analysis, fileOrder }), options);
  collected.sort((a, b) => a.fileOrder - b.fileOrder);
  return {
    documents: collected.map((entry) => entry.document),
    analyses: new Map(collected.flatMap((entry) => (entry.analysis ? [[entry.document.id, entry.analysis] as const] : []))),
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
export async function importInto(inputs: string[], sink: DocumentSink, options: ImportOptions = {}): Promise<StreamedImport> {
  const warnings = new WarningLog();
  const sites = new SiteConfigs(warnings);
  const analyse = options.analyse !== false;

  // Phase 1: read and recognise every file, so links between documents can be resolved in phase 2.
  const files = listSourceFiles(inputs, warnings);
  // Workers start now: loading the Markdown toolchain overlaps reading the files.
  const pool = startRenderPool(files.length, options);
  try {
    const candidates: Candidate[] = [];
    const seenIds = new Map<string, string>();
    const reads = readAhead(files);
    for (const [index, file] of files.entries()) {
      const warn = warnings.forFile(file.source);
      const read = await reads(index);
      try {
        const candidate = readCandidate(file, read, warn, sites);
        if (!candidate) continue;
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

    // Phase 2: render in id order (ids are unique: duplicates were skipped above), in workers or here.
    const fileOrder = new Map(candidates.map((candidate, order) => [candidate, order]));
    const byId = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const jobs: RenderJob[] = byId.map(({ file, id, sha256, content, site }) => ({ file, id, sha256, content, site }));
    const table = buildDocumentLinkTable(jobs);
    const outcomes: Array<RenderOutcome | undefined> = new Array(candidates.length);
    let delivered = 0;
    let sinkError: { error: unknown } | null = null;
    const merge = (index: number, outcome: RenderOutcome): void => {
      const candidate = byId[index];
      if (!candidate) return;
      const order = fileOrder.get(candidate) as number;
      // Warnings and images are resolved in file order at the end; the document goes on now.
      outcomes[order] = { ...outcome, document: null, analysis: null };
      if (outcome.document && !sinkError) {
        try {
          sink(outcome.document, outcome.analysis ?? (analyse ? analyseHere(outcome.document) : null), order);
          delivered += 1;
        } catch (error) {
          sinkError = { error };
        }
      }
      options.onProgress?.({ done: index + 1, total: candidates.length, file: candidate.file.source });
    };
    let localAnalyser: DocumentAnalyser | null = null;
    const analyseHere = (document: ImportedDocument): DocumentAnalysis => {
      localAnalyser ??= createDocumentAnalyser();
      return localAnalyser(document);
    };
    if (pool) {
      await pool.renderAll(jobs, table, merge);
    } else {
      const links = documentLinksFrom(table);
      const store = new AssetStore();
      const analyser = analyse ? createDocumentAnalyser() : null;
      for (const [index, job] of jobs.entries()) merge(index, await renderDocument(job, links, store, analyser));
    }
    if (sinkError) throw (sinkError as { error: unknown }).error;

    const assets = new Map<string, ImportedAsset>();
    candidates.forEach((candidate, order) => {
      const outcome = outcomes[order];
      if (!outcome) return;
      for (const warning of outcome.warnings) candidate.warn(warning.message, warning.line);
      // An image is named by the first document (in file order) that references it.
      for (const asset of outcome.assets) if (!assets.has(asset.id)) assets.set(asset.id, asset);
    });
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
  return script ? new RenderPool(threads - 1, script, true, options.analyse !== false) : null;
}

/** A file's bytes, or why they could not be had (the file's warning). */
type ReadOutcome = { bytes: Buffer } | { problem: string };

/** Files read at once ahead of the one being recognised. */
const READ_AHEAD = 32;

/**
 * Reads files ahead of their use, a few at a time, on libuv's threads: file reading then
 * overlaps recognising (hashing, front matter) on this thread, while the render workers are still
 * waiting for their first job. `read(i)` must be asked in order.
 */
function readAhead(files: readonly SourceFile[]): (index: number) => Promise<ReadOutcome> {
  const started = new Map<number, Promise<ReadOutcome>>();
  let next = 0;
  const start = (): void => {
    const file = files[next];
    if (file) started.set(next, readSource(file.absolutePath));
    next += 1;
  };
  return (index) => {
    while (next < files.length && next <= index + READ_AHEAD) start();
    const read = started.get(index) ?? readSource((files[index] as SourceFile).absolutePath);
    started.delete(index);
    return read;
  };
}

async function readSource(absolutePath: string): Promise<ReadOutcome> {
  try {
    const size = (await stat(absolutePath)).size;
    if (size > MAX_DOCUMENT_BYTES) return { problem: `file is larger than 20 MB (${Math.round(size / 1024 / 1024)} MB); skipped` };
    return { bytes: await readFile(absolutePath) };
  } catch (error) {
    return { problem: `file could not be read (${errorMessage(error)}); skipped` };
  }
}

function readCandidate(file: SourceFile, read: ReadOutcome, warn: FileWarnings, sites: SiteConfigs): Candidate | null {
  if ('problem' in read) {
    warn(read.problem);
    return null;
  }
  const bytes = read.bytes;
  const base = { file, id: documentIdFor(file.source), sha256: sha256Hex(bytes), warn, site: null };
  if (bytes.length === 0) {
    warn('empty file; skipped');
    return null;
  }
  if (isPdf(bytes)) return { ...base, content: { kind: 'pdf', bytes } };
  if (isImageFile(bytes)) return null; // an asset, imported when a document references it
  if (looksBinary(bytes)) {
    warn('binary file (not text, PDF or a known image); skipped');
    return null;
  }
  const decoded = decodeText(bytes);
  if (decoded.invalidUtf8) warn('not valid UTF-8; decoded with replacement characters (U+FFFD) and imported');
  let text = decoded.text.replace(/^\uFEFF/, '');
  // NUL past the binary sniff's window: never store it (C strings, SQLite tools and exports cut at it).
  if (text.includes('\u0000')) {
    warn('contains NUL bytes; each was replaced with U+FFFD');
    text = text.replaceAll('\u0000', '\uFFFD');
  }
  if (text.trim() === '') {
    warn('empty file (only whitespace); skipped');
    return null;
  }
  const site = sites.siteFor(file.absolutePath, file.inputRoot);
  const frontMatter = splitFrontMatter(text, warn);
  if (frontMatter) {
    const fields = readPostFields(frontMatter.data, path.basename(file.absolutePath), warn);
    return { ...base, site, content: { kind: 'post', text, frontMatter, fields } };
  }
  if (looksLikeHtml(text)) return { ...base, site, content: { kind: 'html', text } };
  const markdown = looksLikeMarkdown(text) || /\.(?:md|markdown|mdown|mkd)$/i.test(file.absolutePath);
  return { ...base, site, content: markdown ? { kind: 'markdown', text } : { kind: 'plain', text } };
}
