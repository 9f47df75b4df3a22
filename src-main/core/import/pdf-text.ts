/**
 * Text out of a PDF with pdfjs-dist (legacy build, for Node), rebuilt into Markdown-like text:
 * lines from the items' baselines, paragraphs from vertical gaps, headings from larger type,
 * footnote numbers from smaller raised type (`<sup>1</sup>`). Nothing is fetched or evaluated:
 * the data is passed in memory, eval, font loading and worker fetches are disabled.
 */

import { columnGroups } from './pdf-columns';
import { dominantSize } from './pdf-dominant-size';
import { figureLabelText, isRotated, separateFigureText, type FigureCandidate } from './pdf-figures';
import { joinHyphenatedLines, vocabularyOf } from './pdf-hyphens';

/** A line ending like this closes its sentence. */
const SENTENCE_END = /[.!?:;…"”»)\]]\s*$/;

/** Every piece of a page's text is a candidate for a figure's label until its neighbours say otherwise. */
type TextPiece = FigureCandidate;

/** A page's lines in reading order, and the text of its figures kept apart (null when it has none). */
interface PageText {
  lines: Line[];
  figure: string | null;
}

interface Line {
  pieces: TextPiece[];
  y: number;
  size: number;
}

export interface PdfText {
  markdown: string;
  pages: number;
  /** Pages (1-based) whose figure labels were kept apart from the text, with how many labels. */
  figures: Array<{ page: number; labels: number }>;
}

/**
 * pdf.js, with its worker's code loaded in this thread. In Node pdf.js runs that code here (a "fake
 * worker"): it takes it from `globalThis.pdfjsWorker` when set, else imports pdf.worker.mjs from beside
 * pdf.mjs, a file that a bundle (the CLI's chunks, the Electron bundles) does not have, so every PDF
 * was skipped there. Importing the worker module here makes every bundler include it, and handing it
 * over through the hook pdf.js documents for this means nothing is looked up on disk.
 */
async function loadPdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  // pdf.js's legacy build carries core-js, which on loading replaces JSON.stringify with its own,
  // written in JavaScript for JSON.rawJSON (missing in Node 20): after one PDF every later call in
  // this thread (the writer's per-document fields, the server's answers) ran several times slower
  // (6× on 2,000 small objects, 70× on a 10 MB string). pdf.js does not use rawJSON: put V8's back.
  const nativeStringify = JSON.stringify;
  const [pdfjs, worker] = await Promise.all([
    import('pdfjs-dist/legacy/build/pdf.mjs'),
    import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
  ]);
  JSON.stringify = nativeStringify;
  // pdf.worker.mjs sets the hook itself when it is evaluated; set here too, so that reading PDFs
  // does not rest on that side effect.
  globalThis.pdfjsWorker ??= { WorkerMessageHandler: worker.WorkerMessageHandler };
  return pdfjs;
}

export async function extractPdfText(bytes: Uint8Array): Promise<PdfText> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdfjs may transfer (detach) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    const document = await task.promise;
    const pageTexts: PageText[] = [];
    const figures: PdfText['figures'] = [];
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber += 1) {
      const page = await document.getPage(pageNumber);
      const content = await page.getTextContent();
      const pieces: TextPiece[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const transform = numbersOf(item.transform);
        const [a = 0, b = 0, , , x = 0, y = 0] = transform;
        pieces.push({
          text: item.str,
          x,
          y,
          width: item.width,
          size: Math.hypot(a, b) || item.height || 1,
          rotated: isRotated(transform),
        });
      }
      // Figure labels first (pdf-figures.ts), so that they neither make columns nor join lines.
      const { text, figure } = separateFigureText(pieces);
      if (figure.length > 0) figures.push({ page: pageNumber, labels: figure.length });
      // Each column's lines in turn (pdf-columns.ts), never a line across columns.
      pageTexts.push({
        lines: columnGroups(text).flatMap((group) => groupLines(group)),
        figure: figure.length > 0 ? escapeMarkdown(figureLabelText(figure)) : null,
      });
      page.cleanup();
    }
    return { markdown: toMarkdown(pageTexts), pages: document.numPages, figures };
  } finally {
    await task.destroy();
  }
}

/** Pieces whose baselines are within half a font size belong to one line (raised footnote numbers included). */
function groupLines(pieces: TextPiece[]): Line[] {
  const lines: Line[] = [];
  for (const piece of pieces) {
    const line = lines.find(
      (candidate) => Math.abs(candidate.y - piece.y) <= Math.max(candidate.size, piece.size) * 0.5,
    );
    if (line) {
      line.pieces.push(piece);
      if (piece.size > line.size) {
        line.size = piece.size;
        line.y = piece.y;
      }
    } else {
      lines.push({ pieces: [piece], y: piece.y, size: piece.size });
    }
  }
  for (const line of lines) line.pieces.sort((left, right) => left.x - right.x);
  return lines.sort((top, bottom) => bottom.y - top.y);
}

function lineText(line: Line): string {
  let text = '';
  let previousEnd: number | null = null;
  for (const piece of line.pieces) {
    const raised = piece.size < line.size * 0.9 && piece.y > line.y + 0.5;
    const smallAtStart = piece.size < line.size * 0.9 && previousEnd === null;
    const value = escapeMarkdown(piece.text);
    const isNumber = /^\s*\d{1,3}\s*$/.test(piece.text);
    let chunk = value;
    if ((raised || smallAtStart) && isNumber) chunk = `<sup>${piece.text.trim()}</sup>`;
    const gap = previousEnd === null ? 0 : piece.x - previousEnd;
    const needsSpace =
      previousEnd !== null &&
      gap > line.size * 0.15 &&
      !text.endsWith(' ') &&
      !chunk.startsWith(' ') &&
      !chunk.startsWith('<sup>');
    text += (needsSpace ? ' ' : '') + chunk;
    previousEnd = piece.x + piece.width;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** Paragraph breaks where the gap between lines is clearly larger than the usual line spacing. */
function toMarkdown(pageTexts: PageText[]): string {
  const pages = pageTexts.map((page) => page.lines);
  const pieces = pages.flat().flatMap((line) => line.pieces);
  const bodySize = dominantSize(pieces, 12);
  const spacings: number[] = [];
  for (const lines of pages) {
    for (let index = 1; index < lines.length; index += 1) {
      const gap = (lines[index - 1]?.y ?? 0) - (lines[index]?.y ?? 0);
      if (gap > 0) spacings.push(gap);
    }
  }
  const lineSpacing = median(spacings) ?? bodySize * 1.4;
  const blocks: { lines: string[]; heading: boolean; figure?: true }[] = [];
  for (const { lines, figure } of pageTexts) {
    let previous: Line | null = null;
    for (const line of lines) {
      const text = lineText(line);
      if (!text) continue;
      const heading = line.size >= bodySize * 1.3;
      // A figure's block never takes prose: a paragraph that goes on past it continues its own block.
      const current = blocks.findLast((block) => block.figure !== true);
      const gap = previous ? previous.y - line.y : Number.POSITIVE_INFINITY;
      // Going up means the next column starts.
      const newColumn = previous !== null && gap <= 0;
      // A new page continues the paragraph the previous page ended (the letter's repair step decides joins).
      const sameBlock = previous !== null && gap > 0 && gap <= Math.max(lineSpacing * 1.35, line.size * 1.5);
      // A paragraph cut by the end of a page or column (its last line ends mid-sentence) continues on the next.
      const acrossPage =
        (previous === null || newColumn) &&
        !heading &&
        current !== undefined &&
        !SENTENCE_END.test(current.lines[current.lines.length - 1] ?? '');
      const continues = current !== undefined && current.heading === heading && (sameBlock || acrossPage);
      if (current && continues) current.lines.push(text);
      else blocks.push({ lines: [text], heading });
      previous = line;
    }
    if (figure !== null) blocks.push({ lines: [figure], heading: false, figure: true });
  }
  const vocabulary = vocabularyOf(blocks.filter((block) => block.figure !== true).flatMap((block) => block.lines));
  return blocks
    .map((block) =>
      block.figure
        ? block.lines.join(' ')
        : block.heading
          ? `## ${block.lines.join(' ')}`
          : joinWrappedLines(joinHyphenatedLines(block.lines, vocabulary)),
    )
    .join('\n\n');
}

/** Lines of one paragraph; a URL broken after a hyphen is glued back together. */
function joinWrappedLines(lines: string[]): string {
  const joined: string[] = [];
  for (const line of lines) {
    const last = joined[joined.length - 1];
    if (last !== undefined && /https?:\/\/\S*-$/.test(last) && !/\s/.test(line.split(' ')[0] ?? '')) {
      joined[joined.length - 1] = last + line;
    } else {
      joined.push(line);
    }
  }
  return joined.join('\n');
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? null;
}

/** PDF text is prose, not Markdown: characters Markdown would interpret are escaped (URLs stay linkable). */
function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*[\]<>|]/g, '\\$&')
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d{1,3})([.)])(\s)/, '$1\\$2$3');
}

/** pdf.js types a text item's transform matrix `any`: its six numbers, anything else as 0. */
function numbersOf(value: unknown): number[] {
  return Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'number' ? item : 0)) : [];
}
