import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repairC1Controls } from './c1-repair';
import { decodeText } from './decode';
import { splitFrontMatter } from './front-matter';
import { documentIdFor, sha256Hex } from './identity';
import { readPostFields } from './jekyll-fields';
import { isUnpublished } from './jekyll-publication';
import type { Content, RenderedWarning } from './render-document';
import { errorMessage } from './safe-yaml';
import type { JekyllSite } from './site-config';
import { isImageFile, isPdf, looksBinary, looksLikeHtml, looksLikeMarkdown } from './sniff';
import type { SourceFile } from './source-files';
import { recordingWarnings, type FileWarnings } from './warnings';

/** Files larger than this are skipped: no document of an archive like this is that big, and parsing it would stall the build. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** A file's bytes, or why they could not be had (the file's warning). */
export type ReadOutcome = { bytes: Buffer } | { problem: string };

/** A file recognised as a document (phase 1 of the import): plain data, so it crosses threads. */
export interface Recognised {
  id: string;
  sha256: string;
  content: Content;
  site: JekyllSite | null;
  /** Set when the import let the text go until rendering (render-document.ts `releasedText`). */
  reread?: boolean;
}

/** A file's bytes, read synchronously (a file of the page cache takes microseconds; see import/index.ts). */
export function readSourceSync(absolutePath: string): ReadOutcome {
  try {
    const size = statSync(absolutePath).size;
    if (size > MAX_DOCUMENT_BYTES) return tooLarge(size);
    return { bytes: readFileSync(absolutePath) };
  } catch (error) {
    return { problem: `file could not be read (${errorMessage(error)}); skipped` };
  }
}

function tooLarge(size: number): ReadOutcome {
  return { problem: `file is larger than 20 MB (${Math.round(size / 1024 / 1024)} MB); skipped` };
}

/**
 * Recognises one file by its content (PDF magic, image, binary, HTML markup, front matter,
 * Markdown signs), never its extension; null when it is not a document (with a warning saying
 * why, except for images, which documents import when they reference them). `siteFor` is asked
 * once the text is known to be a document, before its front matter is read.
 */
export function recogniseFile(
  file: SourceFile,
  read: ReadOutcome,
  warn: FileWarnings,
  siteFor: () => JekyllSite | null,
): Recognised | null {
  if ('problem' in read) {
    warn(read.problem, undefined, 'file-skipped');
    return null;
  }
  const bytes = read.bytes;
  const base = { id: documentIdFor(file.source), sha256: sha256Hex(bytes), site: null };
  if (bytes.length === 0) {
    warn('empty file; skipped', undefined, 'file-skipped');
    return null;
  }
  if (isPdf(bytes)) return { ...base, content: { kind: 'pdf', bytes } };
  if (isImageFile(bytes)) return null; // an asset, imported when a document references it
  if (looksBinary(bytes)) {
    warn('binary file (not text, PDF or a known image); skipped', undefined, 'file-skipped');
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
  const c1 = repairC1Controls(text);
  if (c1.repaired > 0) {
    text = c1.text;
    warn(
      `${c1.repaired} C1 control character${c1.repaired === 1 ? '' : 's'} read as Windows-1252 (${c1.mappings.join(', ')})`,
      undefined,
      'text-c1-repaired',
      c1.repaired,
    );
  }
  if (text.trim() === '') {
    warn('empty file (only whitespace); skipped', undefined, 'file-skipped');
    return null;
  }
  const site = siteFor();
  const frontMatter = splitFrontMatter(text, warn);
  if (frontMatter) {
    if (isUnpublished(frontMatter.data)) {
      warn(
        'unpublished post (published: false in its front matter); left out, as Jekyll does',
        undefined,
        'unpublished-skipped',
      );
      return null;
    }
    const fields = readPostFields(frontMatter.data, path.basename(file.absolutePath), warn);
    return { ...base, site, content: { kind: 'post', text, frontMatter, fields } };
  }
  if (looksLikeHtml(text)) return { ...base, site, content: { kind: 'html', text } };
  const markdown = looksLikeMarkdown(text) || /\.(?:md|markdown|mdown|mkd)$/i.test(file.absolutePath);
  return { ...base, site, content: markdown ? { kind: 'markdown', text } : { kind: 'plain', text } };
}

/**
 * A file's recognition with its warnings recorded instead of logged, and where among them the
 * site was asked for: so that it can run in a worker, or ahead of its turn, and be replayed
 * into the import's log in file order (`site` is then looked up by the replaying thread).
 */
export interface RecordedRecognition {
  recognised: Recognised | null;
  warnings: RenderedWarning[];
  /** How many of `warnings` came before the site lookup; null when the file never got that far. */
  siteAsked: number | null;
}

export function recogniseRecorded(file: SourceFile, read: ReadOutcome): RecordedRecognition {
  const warnings: RenderedWarning[] = [];
  let siteAsked: number | null = null;
  const warn = recordingWarnings(warnings);
  let recognised: Recognised | null = null;
  try {
    recognised = recogniseFile(file, read, warn, () => {
      siteAsked = warnings.length;
      return null;
    });
  } catch (error) {
    warn(`could not be imported: ${errorMessage(error)}`);
  }
  return { recognised, warnings, siteAsked };
}
