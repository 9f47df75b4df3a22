import type { Element, ElementContent, Root } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import { toText } from 'hast-util-to-text';
import { rehypeReferences, textOf, type ReferenceContext } from './references';
import { sanitizeSchema } from './sanitize-schema';

/**
 * Markdown parsing (micromark) is not linear on hostile input: measured on the 2-core build machine,
 * 0.5 MB of `[x]` pairs took 40 s, `**a*` runs 56 s, and GFM's autolink/table extensions make plain
 * prose ten times slower. Real documents are far below these limits; above them the text is imported
 * as plain paragraphs (with a warning) so that one pathological file cannot stall a build.
 */
const MAX_MARKDOWN_CHARACTERS = 512 * 1024;
const MAX_MARKDOWN_DELIMITERS = 20_000;

export interface RenderedBody {
  /** Sanitised HTML. */
  html: string;
  /** Plain text of exactly what the HTML shows. */
  text: string;
  /** Text of the first heading, for documents whose title comes from it. */
  firstHeading: string | null;
}

/**
 * Markdown -> sanitised HTML. Raw HTML inside the Markdown is parsed for real (rehype-raw) so that
 * the reference transform and then the sanitiser see actual elements, never strings to pattern-match.
 */
export function renderMarkdown(markdown: string, context: ReferenceContext): RenderedBody {
  const delimiters = countDelimiters(markdown);
  if (markdown.length > MAX_MARKDOWN_CHARACTERS || delimiters > MAX_MARKDOWN_DELIMITERS) {
    context.warn(
      `too large or too dense in Markdown syntax to parse safely (${markdown.length} characters, ${delimiters} delimiters); imported as plain text`,
    );
    return renderPlainText(markdown, context);
  }
  try {
    const processors = markdownProcessors();
    const mdast = processors.parse.parse(bracketSpacedDestinations(markdown));
    // rehype-raw re-parses the whole tree through an HTML parser (a tenth of the import's time);
    // without raw HTML in the Markdown there is nothing for it to do.
    const processor = containsRawHtml(mdast) ? processors.withRawHtml : processors.withoutRawHtml;
    const hast = processor.runSync(mdast) as Root;
    return finish(hast, context);
  } catch (error) {
    if (!isStackExhausted(error)) throw error;
    context.warn(`${TOO_DEEP}; imported as plain text`);
    return renderPlainText(markdown, context);
  }
}

/**
 * The Markdown and HTML parsers and the hast utilities recurse once per nesting level: 10,000
 * nested blockquotes or elements exhaust the stack (measured: remark-parse, rehype-parse and
 * rehype-raw all throw RangeError). Real documents nest a few levels; a document that does not
 * fit is kept as flat text rather than dropped.
 */
const TOO_DEEP = 'nested too deeply to parse safely (the parser ran out of stack)';

function isStackExhausted(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** Text of an HTML page without its markup, for pages too deep to parse: linear (no nested quantifiers). */
function markupToText(html: string): string {
  return html
    .replace(/<(script|style)\b[^<>]*>[^<]*<\/\1\s*>/gi, ' ')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/[ \t]+/g, ' ');
}

/**
 * Processors are built once per thread, not per document. They hold only configuration (plugins
 * and their options, frozen), never per-document state: the document's context reaches the
 * reference transform by a direct call in `finish`. Rebuilding them for each of thousands of
 * documents was measurable import time; they are created lazily so that importing this module
 * costs nothing.
 */
interface MarkdownProcessors {
  /** Markdown -> mdast (remark-parse + GFM). */
  parse: ReturnType<typeof markdownParser>;
  /** mdast -> hast, raw HTML nodes parsed into elements. */
  withRawHtml: Processor<MdastRoot, MdastRoot, Root>;
  /** mdast -> hast for Markdown without raw HTML (the same result, without an HTML re-parse). */
  withoutRawHtml: Processor<MdastRoot, MdastRoot, Root>;
}

let cachedMarkdownProcessors: MarkdownProcessors | null = null;
let cachedSanitizingProcessor: ReturnType<typeof buildSanitizingProcessor> | null = null;
let cachedHtmlPageParser: ReturnType<typeof buildHtmlPageParser> | null = null;

function markdownParser() {
  return unified().use(remarkParse).use(remarkGfm).freeze();
}

function markdownToHast() {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, {
      allowDangerousHtml: true,
      // The sanitiser adds the prefix to ids; links to them get it from the reference transform.
      clobberPrefix: '',
      footnoteLabel: 'Notas',
      footnoteBackLabel: (referenceIndex: number) => `Volver a la referencia ${referenceIndex + 1}`,
    });
}

function markdownProcessors(): MarkdownProcessors {
  cachedMarkdownProcessors ??= {
    parse: markdownParser(),
    withRawHtml: markdownToHast().use(rehypeRaw).freeze() as unknown as Processor<MdastRoot, MdastRoot, Root>,
    withoutRawHtml: markdownToHast().freeze() as unknown as Processor<MdastRoot, MdastRoot, Root>,
  };
  return cachedMarkdownProcessors;
}

function buildSanitizingProcessor() {
  return unified().use(rehypeSanitize, sanitizeSchema).use(rehypeStringify).freeze();
}

function sanitizingProcessor(): ReturnType<typeof buildSanitizingProcessor> {
  cachedSanitizingProcessor ??= buildSanitizingProcessor();
  return cachedSanitizingProcessor;
}

function buildHtmlPageParser() {
  return unified().use(rehypeParse, { fragment: false }).freeze();
}

function htmlPageParser(): ReturnType<typeof buildHtmlPageParser> {
  cachedHtmlPageParser ??= buildHtmlPageParser();
  return cachedHtmlPageParser;
}

/** Whether the Markdown holds raw HTML (inline or block): any `html` node in the tree. Iterative: hostile nesting is deep. */
function containsRawHtml(tree: MdastRoot): boolean {
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as { type: string; children?: unknown[] };
    if (node.type === 'html') return true;
    if (node.children) for (const child of node.children) stack.push(child);
  }
  return false;
}

/** Characters that open or close Markdown constructs. */
function countDelimiters(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // [ ] ( ) * _ ` < ! ~ |
    if (code === 91 || code === 93 || code === 40 || code === 41 || code === 42 || code === 95 || code === 96 || code === 60 || code === 33 || code === 126 || code === 124) count += 1;
  }
  return count;
}

/**
 * `[Cultura Ecológica](cultura ecologica)` is not a link in CommonMark (a destination cannot hold
 * spaces) and would show its brackets; authors meant a link, so the destination is wrapped in
 * `<...>`, which CommonMark allows. The link transform then judges where it leads. The length bound
 * keeps this linear on pathological lines.
 */
function bracketSpacedDestinations(markdown: string): string {
  if (!markdown.includes('](')) return markdown;
  return markdown.replace(/\]\(([^()<>\n"'\\]{1,500})\)/g, (whole, destination: string) =>
    /\S\s+\S/.test(destination.trim()) ? `](<${destination.trim()}>)` : whole,
  );
}

/** An HTML page: its `<title>` (or first `<h1>`) and its body through the same transforms. */
export function renderHtmlPage(html: string, context: ReferenceContext): RenderedBody & { title: string | null } {
  try {
    return renderParsedHtmlPage(html, context);
  } catch (error) {
    if (!isStackExhausted(error)) throw error;
    context.warn(`${TOO_DEEP}; its text was imported without markup`);
    const title = /<title[^<>]*>([^<]*)</i.exec(html)?.[1]?.trim() || null;
    const body = html.replace(/<title[^<>]*>[^<]*<\/title\s*>/i, ' ');
    return { ...renderPlainText(markupToText(body), context), title };
  }
}

function renderParsedHtmlPage(html: string, context: ReferenceContext): RenderedBody & { title: string | null } {
  const page = htmlPageParser().parse(html);
  const titleElement = findElement(page, (element) => element.tagName === 'title');
  const body = findElement(page, (element) => element.tagName === 'body');
  const root: Root = { type: 'root', children: body ? body.children : page.children };
  const title = titleElement ? textOf(titleElement) : '';
  const rendered = finish(root, context);
  return { ...rendered, title: title || null };
}

/** Plain text: blank-line separated paragraphs, escaped into `<p>` elements. */
export function renderPlainText(text: string, context: ReferenceContext): RenderedBody {
  const children: ElementContent[] = [];
  for (const paragraph of text.split(/\n[ \t]*\n/)) {
    const value = paragraph.trim();
    if (value) children.push({ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value }] });
  }
  return finish({ type: 'root', children }, context);
}

function finish(tree: Root, context: ReferenceContext): RenderedBody {
  // The same order as a `.use(rehypeReferences).use(rehypeSanitize)` pipeline: links first, then the allowlist.
  rehypeReferences(context)(tree);
  const processor = sanitizingProcessor();
  const clean = processor.runSync(tree) as Root;
  const html = processor.stringify(clean);
  const heading = findElement(clean, (element) => /^h[1-6]$/.test(element.tagName) && !hasClass(element, 'sr-only'));
  return { html, text: plainText(clean), firstHeading: heading ? textOf(heading) || null : null };
}

/**
 * Block-aware plain text (hast-util-to-text implements innerText: blocks and <br> become line
 * breaks); blank-line runs are collapsed so offsets stay compact and stable.
 */
function plainText(tree: Root): string {
  return toText(tree)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function hasClass(element: Element, name: string): boolean {
  const value = element.properties.className;
  return Array.isArray(value) && value.includes(name);
}

/** Iterative search (no recursion: hostile documents can nest very deeply). */
function findElement(tree: Root | Element, test: (element: Element) => boolean): Element | null {
  const stack: (Root | Element)[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    if (node.type === 'element') {
      if (test(node)) return node;
    }
    for (let index = node.children.length - 1; index >= 0; index -= 1) {
      const child = node.children[index];
      if (child && child.type === 'element') stack.push(child);
    }
  }
  return null;
}
