import path from 'node:path';
import { duplicateFingerprint, type DuplicateFingerprint } from './duplicates';
import type { DocumentSummary, DocumentType } from '../../common/types';
import type { ImportedAsset, ImportedDocument } from './model';
import type { DocumentAnalyser, DocumentAnalysis } from '../search/document-analysis';
import type { AssetStore } from './assets';
import { hasBidiControls, stripBidiControls } from './bidi';
import { joinBlocks, splitBlocks } from './blocks';
import { normaliseText } from './decode';
import type { FrontMatter } from './front-matter';
import { repairFootnotes } from './footnotes';
import { countWords } from './identity';
import { applyFieldMap, type FieldMap, type MappedFields } from './field-mapping';
import type { PostFields } from './jekyll-fields';
import { analyseLetter, type LetterFields } from './letter';
import { renderLiquid } from './liquid';
import { dateFromPath } from './path-date';
import { extractPdfText } from './pdf-text';
import type { DocumentLinks, ReferenceContext } from './references';
import { renderHtmlPage, renderMarkdown, renderPlainText, type RenderedBody } from './render';
import { errorMessage } from './safe-yaml';
import { readSourceSync, recogniseFile, type RecordedRecognition } from './recognise';
import { isInside, type JekyllSite } from './site-config';
import type { SourceFile } from './source-files';
import { recordingWarnings, type FileWarnings, type RecordedWarning } from './warnings';

export type Content =
  | { kind: 'post'; text: string; frontMatter: FrontMatter; fields: PostFields }
  | { kind: 'markdown'; text: string }
  | { kind: 'plain'; text: string }
  | { kind: 'html'; text: string }
  | { kind: 'pdf'; bytes: Uint8Array };

/**
 * One recognised file, ready to render (phase 2). Plain data only: jobs are sent to render workers
 * (structured clone), so nothing here may be a function or class instance.
 */
export interface RenderJob {
  file: SourceFile;
  id: string;
  sha256: string;
  content: Content;
  site: JekyllSite | null;
  /** Where a post's front-matter keys go (field-mapping.ts), over the defaults. */
  fieldMap?: FieldMap;
  /**
   * True when the import let the file's text go after recognising it (`releasedText`): rendering
   * reads the file again and recognises it as before, and skips it if it changed in between.
   */
  reread?: boolean;
}

/**
 * The recognised content without its text (kind, the post fields and front-matter keys of links
 * stay: the link table and the README check need them), to be read again when rendered
 * (`RenderJob.reread`).
 *
 * Why: the import recognises every file before rendering any (links between documents need them
 * all), and keeping every file's text until its turn grew with the corpus: 1.7 GB at 100,000
 * posts before the first was rendered. PDFs keep their bytes (few, and costly to parse twice).
 *
 * What is kept is a copy (`structuredClone`): the YAML parser's strings (a post's category, its
 * `permalink`) are V8 slices of the file's text, and one kept slice pinned the whole text, which
 * held 300 MB of texts after the file scan at 100,000 posts. The other post fields (title,
 * description, tags, authors) are read again with the text, so they are not kept either.
 */
export function releasedText(content: Content): Pick<RenderJob, 'content' | 'reread'> {
  switch (content.kind) {
    case 'pdf':
      return { content };
    case 'post': {
      const { fields, frontMatter } = content;
      const kept: Content = {
        kind: 'post',
        text: '',
        frontMatter: { body: '', bodyStartLine: frontMatter.bodyStartLine, data: linkKeysOf(frontMatter.data) },
        fields: { ...NO_POST_FIELDS, date: fields.date, category: fields.category },
      };
      return { content: structuredClone(kept), reread: true };
    }
    default:
      return { content: { kind: content.kind, text: '' }, reread: true };
  }
}

/** A recognition with its content released (`releasedText`), for an import that lets texts go. */
export function releasedRecognition(recorded: RecordedRecognition): RecordedRecognition {
  const recognised = recorded.recognised;
  return recognised ? { ...recorded, recognised: { ...recognised, ...releasedText(recognised.content) } } : recorded;
}

/** A released post's fields besides those its links read (`date`, `category`): read again with its text. */
const NO_POST_FIELDS: PostFields = {
  title: null,
  date: null,
  authors: [],
  category: null,
  tags: [],
  description: null,
};

/**
 * The front-matter keys the link table reads (document-links.ts) besides the post's fields: all a
 * released post keeps of its front matter until it is read again. The whole parsed front matter
 * (descriptions, tags, any key a site uses) was a kilobyte or so per post held through the import.
 */
const LINK_KEYS = ['categories', 'permalink', 'slug'];

function linkKeysOf(data: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of LINK_KEYS) if (Object.hasOwn(data, key)) kept[key] = data[key];
  return kept;
}

/** The job's content, read again from its file when the import released it; throws when the file changed. */
function contentOf(job: RenderJob): Content {
  if (job.reread !== true) return job.content;
  // Its warnings were logged when the file was first recognised: not again.
  const again = recogniseFile(job.file, readSourceSync(job.file.absolutePath), ignoreWarnings, () => job.site);
  if (again?.sha256 !== job.sha256 || again.content.kind !== job.content.kind) {
    throw new Error('the file changed while the import ran (it is read again to be rendered); skipped');
  }
  return again.content;
}

function ignoreWarnings(): void {
  // Already logged in the first recognition.
}

export type RenderedWarning = RecordedWarning;

/** Everything rendering one document produced, to be merged into the import result in document order. */
export interface RenderOutcome {
  /** Null when the document was skipped (with a warning saying why). */
  document: ImportedDocument | null;
  /** The document's search analysis, computed in the same thread; null without a document or an analyser. */
  analysis: DocumentAnalysis | null;
  /** Warnings about this file, in the order they were raised. */
  warnings: RenderedWarning[];
  /** The images the document read, in order of first reference, each named as this document reached it. */
  assets: ImportedAsset[];
  /** What the duplicate finder keeps of the document, computed here in parallel; null without a document. */
  fingerprint: DuplicateFingerprint | null;
}

/**
 * Phase 2 for one file: Liquid, Markdown/HTML/PDF/plain text to sanitised HTML and text, links to
 * other documents by id, images stored. Depends only on the job, the links and the files on disk,
 * so it gives the same outcome in any thread and any order. Never throws: a failure becomes the
 * file's last warning.
 */
export async function renderDocument(
  job: RenderJob,
  links: DocumentLinks,
  assets: AssetStore,
  analyse: DocumentAnalyser | null = null,
): Promise<RenderOutcome> {
  const warnings: RenderedWarning[] = [];
  const warn = recordingWarnings(warnings);
  const usedAssets = new Map<string, ImportedAsset>();
  try {
    const document = await importJob(job, { links, assets, warn, usedAssets });
    return {
      document,
      analysis: document && analyse ? analyse(document) : null,
      warnings,
      assets: [...usedAssets.values()],
      fingerprint: document ? duplicateFingerprint(document) : null,
    };
  } catch (error) {
    warn(`could not be imported: ${errorMessage(error)}`, undefined, 'file-skipped');
    // Images read before the failure stay in the corpus, as they always have.
    return { document: null, analysis: null, warnings, assets: [...usedAssets.values()], fingerprint: null };
  }
}

interface JobContext {
  links: DocumentLinks;
  assets: AssetStore;
  warn: FileWarnings;
  usedAssets: Map<string, ImportedAsset>;
}

async function importJob(
  job: RenderJob,
  { links, assets, warn, usedAssets }: JobContext,
): Promise<ImportedDocument | null> {
  const { file, site } = job;
  const content = contentOf(job);
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
    usedAssets,
  };
  const fileTitle = path.basename(file.absolutePath).replace(/\.[^.]+$/, '') || path.basename(file.absolutePath);
  let type: DocumentType = 'other';
  let rendered: RenderedBody;
  let title: string | null = null;
  let post: MappedFields | null = null;
  let letter: LetterFields | null = null;

  switch (content.kind) {
    case 'post': {
      post = applyFieldMap(content.frontMatter.data, content.fields, job.fieldMap ?? {});
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
      rendered =
        content.kind === 'markdown' || letter
          ? renderMarkdown(prepared.markdown, context)
          : renderPlainText(content.text, context);
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
        const extracted = await extractPdfText(content.bytes);
        markdown = normaliseText(extracted.markdown);
        for (const { page, labels } of extracted.figures) {
          warn(
            `page ${page.toString()}: ${labels.toString()} figure label${labels === 1 ? '' : 's'} kept apart from the text, after the page's paragraphs`,
            undefined,
            'pdf-figure-text',
            labels,
          );
        }
      } catch (error) {
        warn(`PDF could not be read (${errorMessage(error)}); skipped`, undefined, 'file-skipped');
        return null;
      }
      if (markdown.trim() === '') {
        warn('PDF has no extractable text (scanned images?); skipped', undefined, 'file-skipped');
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

  const metadata = withoutBidiControls(
    {
      title: title ?? rendered.firstHeading ?? fileTitle,
      place: letter?.place ?? post?.place ?? null,
      authors: post?.authors ?? [],
      signatories: letter?.signatories ?? [],
      addressee: letter?.addressee ?? null,
      category: post?.category ?? null,
      tags: post?.tags ?? [],
      description: post?.description ?? null,
    },
    warn,
  );
  return {
    id: job.id,
    type,
    title: metadata.title,
    // Front matter, then the file name or date folders, then a letter's dateline.
    date: post?.date ?? dateFromPath(file.source) ?? letter?.date ?? null,
    place: metadata.place,
    authors: metadata.authors,
    signatories: metadata.signatories,
    addressee: metadata.addressee,
    category: metadata.category,
    tags: metadata.tags,
    description: metadata.description,
    words: countWords(rendered.text),
    source: file.source,
    sha256: job.sha256,
    html: rendered.html,
    text: rendered.text,
    assetIds: [...usedAssets.keys()],
    ...(post && Object.keys(post.extra).length > 0 ? { extra: post.extra } : {}),
  };
}

type DisplayedMetadata = Pick<
  DocumentSummary,
  'title' | 'place' | 'authors' | 'signatories' | 'addressee' | 'category' | 'tags' | 'description'
>;

/** Metadata without bidi controls (see `bidi.ts`), with one warning naming the fields that had them. */
function withoutBidiControls(metadata: DisplayedMetadata, warn: (message: string) => void): DisplayedMetadata {
  const touched: string[] = [];
  const clean = (field: string, value: string): string => {
    if (!hasBidiControls(value)) return value;
    if (!touched.includes(field)) touched.push(field);
    return stripBidiControls(value).trim();
  };
  const cleanOptional = (field: string, value: string | null): string | null =>
    value === null ? null : clean(field, value);
  const cleaned: DisplayedMetadata = {
    title: clean('title', metadata.title),
    place: cleanOptional('place', metadata.place),
    authors: metadata.authors.map((author) => clean('authors', author)).filter(Boolean),
    signatories: metadata.signatories.map((name) => clean('signatories', name)).filter(Boolean),
    addressee: cleanOptional('addressee', metadata.addressee),
    category: cleanOptional('category', metadata.category),
    tags: [...new Set(metadata.tags.map((tag) => clean('tags', tag)).filter(Boolean))],
    description: cleanOptional('description', metadata.description),
  };
  if (touched.length > 0)
    warn(`bidirectional override/isolate characters (U+202A-U+202E, U+2066-U+2069) removed from ${touched.join(', ')}`);
  return cleaned;
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
