import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DocumentType } from '../../common/types';
import type { ImportedDocument, ImportResult } from '../model';
import { AssetStore } from './assets';
import { joinBlocks, splitBlocks } from './blocks';
import { decodeText, normaliseText } from './decode';
import { splitFrontMatter, type FrontMatter } from './front-matter';
import { repairFootnotes } from './footnotes';
import { countWords, documentIdFor, sha256Hex } from './identity';
import { readPostFields, type PostFields } from './jekyll-fields';
import { analyseLetter, type LetterFields } from './letter';
import { renderLiquid } from './liquid';
import { extractPdfText } from './pdf-text';
import { normaliseUrlPath, postUrlPath } from './permalinks';
import type { DocumentLinks, ReferenceContext } from './references';
import { renderHtmlPage, renderMarkdown, renderPlainText, type RenderedBody } from './render';
import { errorMessage } from './safe-yaml';
import { isInside, SiteConfigs, type JekyllSite } from './site-config';
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
}

/** Files larger than this are skipped: no document of an archive like this is that big, and parsing it would stall the build. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

type Content =
  | { kind: 'post'; text: string; frontMatter: FrontMatter; fields: PostFields }
  | { kind: 'markdown'; text: string }
  | { kind: 'plain'; text: string }
  | { kind: 'html'; text: string }
  | { kind: 'pdf'; bytes: Uint8Array };

interface Candidate {
  file: SourceFile;
  id: string;
  sha256: string;
  content: Content;
  site: JekyllSite | null;
  warn: FileWarnings;
}

/**
 * Imports folders (walked recursively) and files into documents, images and warnings.
 * Content decides the format (PDF magic, HTML markup, front matter, Markdown signs), never the
 * extension. Bad input never stops the import and never runs anything: each problem becomes a
 * warning naming the file (and line), and the rest is imported. Output order and content are
 * deterministic for the same input.
 */
export async function importSources(inputs: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const warnings = new WarningLog();
  const sites = new SiteConfigs(warnings);
  const assets = new AssetStore();

  // Phase 1: read and recognise every file, so links between documents can be resolved in phase 2.
  const candidates: Candidate[] = [];
  const seenIds = new Map<string, string>();
  for (const file of listSourceFiles(inputs, warnings)) {
    const warn = warnings.forFile(file.source);
    try {
      const candidate = readCandidate(file, warn, sites);
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

  const links = buildDocumentLinks(candidates);
  const documents: ImportedDocument[] = [];
  let done = 0;
  for (const candidate of candidates) {
    try {
      const document = await importCandidate(candidate, links, assets);
      if (document) documents.push(document);
    } catch (error) {
      candidate.warn(`could not be imported: ${errorMessage(error)}`);
    }
    done += 1;
    options.onProgress?.({ done, total: candidates.length, file: candidate.file.source });
  }
  return { documents, assets: assets.assets, warnings: warnings.entries };
}

function readCandidate(file: SourceFile, warn: FileWarnings, sites: SiteConfigs): Candidate | null {
  let bytes: Buffer;
  try {
    const size = statSync(file.absolutePath).size;
    if (size > MAX_DOCUMENT_BYTES) {
      warn(`file is larger than 20 MB (${Math.round(size / 1024 / 1024)} MB); skipped`);
      return null;
    }
    bytes = readFileSync(file.absolutePath);
  } catch (error) {
    warn(`file could not be read (${errorMessage(error)}); skipped`);
    return null;
  }
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
  const text = decoded.text.replace(/^\uFEFF/, '');
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

async function importCandidate(candidate: Candidate, links: DocumentLinks, assets: AssetStore): Promise<ImportedDocument | null> {
  const { file, content, site, warn } = candidate;
  const siteRoot = site?.root ?? file.inputRoot;
  const context: ReferenceContext = {
    documentPath: file.absolutePath,
    siteRoot,
    // A site whose _config.yml sits above the input folder is still one corpus: its assets may be used.
    boundary: isInside(file.inputRoot, siteRoot) ? siteRoot : file.inputRoot,
    lineOffset: 0,
    warn,
    assets,
    documents: links,
    usedAssetIds: new Set(),
  };
  const fileTitle = path.basename(file.absolutePath).replace(/\.[^.]+$/, '') || path.basename(file.absolutePath);
  let type: DocumentType = 'other';
  let rendered: RenderedBody;
  let title: string | null = null;
  let post: PostFields | null = null;
  let letter: LetterFields | null = null;

  switch (content.kind) {
    case 'post': {
      post = content.fields;
      type = 'article';
      const body = renderLiquid(content.frontMatter.body, {
        site: site?.config ?? {},
        page: content.frontMatter.data,
        firstLine: content.frontMatter.bodyStartLine,
        warn,
      });
      context.lineOffset = content.frontMatter.bodyStartLine - 1;
      rendered = renderMarkdown(body, context);
      title = post.title;
      break;
    }
    case 'markdown':
    case 'plain': {
      const prepared = prepareUnstructuredText(content.text);
      letter = prepared.letter;
      if (letter) type = 'letter';
      rendered = content.kind === 'markdown' || letter ? renderMarkdown(prepared.markdown, context) : renderPlainText(content.text, context);
      title = letter?.title ?? null;
      break;
    }
    case 'html': {
      const page = renderHtmlPage(content.text, context);
      rendered = page;
      title = page.title;
      break;
    }
    case 'pdf': {
      let markdown: string;
      try {
        // PDF text can carry decomposed accents (e + U+0301); normalise like every other text.
        markdown = normaliseText((await extractPdfText(content.bytes)).markdown);
      } catch (error) {
        warn(`PDF could not be read (${errorMessage(error)}); skipped`);
        return null;
      }
      if (markdown.trim() === '') {
        warn('PDF has no extractable text (scanned images?); skipped');
        return null;
      }
      const prepared = prepareUnstructuredText(markdown);
      letter = prepared.letter;
      if (letter) type = 'letter';
      rendered = renderMarkdown(prepared.markdown, context);
      title = letter?.title ?? null;
      break;
    }
  }

  return {
    id: candidate.id,
    type,
    title: title ?? rendered.firstHeading ?? fileTitle,
    date: post?.date ?? letter?.date ?? null,
    place: letter?.place ?? null,
    authors: post?.authors ?? [],
    signatories: letter?.signatories ?? [],
    addressee: letter?.addressee ?? null,
    category: post?.category ?? null,
    tags: post?.tags ?? [],
    description: post?.description ?? null,
    words: countWords(rendered.text),
    source: file.source,
    sha256: candidate.sha256,
    html: rendered.html,
    text: rendered.text,
    assetIds: [...context.usedAssetIds],
  };
}

/**
 * Text without front matter (Markdown, plain text, or text rebuilt from a PDF): repair footnotes
 * stranded by page breaks, and recognise a letter (dateline, addressee, signatories).
 */
function prepareUnstructuredText(text: string): { markdown: string; letter: LetterFields | null } {
  const repaired = repairFootnotes(splitBlocks(text));
  const letter = analyseLetter(repaired.blocks);
  const blocks = letter ? letter.blocks : repaired.blocks;
  return { markdown: joinBlocks([...blocks, ...repaired.definitions]), letter: letter?.fields ?? null };
}

/** Lookups from paths, post slugs and permalinks to the ids of the documents being imported. */
function buildDocumentLinks(candidates: Candidate[]): DocumentLinks {
  const byPath = new Map<string, string>();
  const bySlug = new Map<string, string>();
  const byPermalink = new Map<string, string>();
  for (const candidate of candidates) {
    byPath.set(path.resolve(candidate.file.absolutePath), candidate.id);
    if (candidate.content.kind !== 'post') continue;
    const siteRoot = candidate.site?.root ?? candidate.file.inputRoot;
    const stem = path.basename(candidate.file.absolutePath).replace(/\.[^.]+$/, '');
    bySlug.set(`${siteRoot}\n${stem}`, candidate.id);
    const data = candidate.content.frontMatter.data;
    const urlPath = postUrlPath(
      {
        fileStem: stem,
        date: candidate.content.fields.date,
        categories: [candidate.content.fields.category, ...stringValues(data.categories)].filter((value): value is string => !!value),
        permalink: typeof data.permalink === 'string' ? data.permalink : null,
        slug: typeof data.slug === 'string' ? data.slug : null,
      },
      candidate.site?.config.permalink,
    );
    byPermalink.set(`${siteRoot}\n${urlPath}`, candidate.id);
  }
  return {
    byPath: (absolutePath) => byPath.get(path.resolve(absolutePath)) ?? null,
    byPostSlug: (siteRoot, slug) => bySlug.get(`${siteRoot}\n${path.posix.basename(slug.trim()).replace(/\.(?:md|markdown|html)$/, '')}`) ?? null,
    byPermalink: (siteRoot, urlPath) => byPermalink.get(`${siteRoot}\n${normaliseUrlPath(urlPath)}`) ?? null,
  };
}

function stringValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? value.split(/\s+/) : [];
}
