import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { fromParse5 } from 'hast-util-from-parse5';
import type { MarkdownIt } from 'markdown-it';
import { parseFragment } from 'parse5';
import rehypeParse from 'rehype-parse';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { createMarkdownParser, exceedsNesting, MAX_MARKDOWN_NESTING, mayHoldAttributeList } from './markdown-it-setup';
import { applySourceLines, renderWithSourceLines } from './markdown-source-lines';
import { rehypeReferences, textOf, type ReferenceContext } from './references';
import { documentPlainText } from './plain-text';
import { escapedHtmlFragment } from './escaped-html-fragment';
import { sanitizeSchema } from './sanitize-schema';
import { separateUnwrappedBlocks } from './word-boundaries';

/**
 * Limits above which a Markdown text is imported as plain paragraphs (with a warning), so that one
 * pathological file cannot stall a build. They were set for micromark, which was not linear on
 * hostile input (0.5 MB of `[x]` pairs took 40 s, `**a*` runs 56 s). markdown-it + parse5 still
 * need them; measured on the 2-core build machine WITHOUT the limits, at 0.5 MB: a 131,000-row
 * table 13 s, 262,000 references to one footnote 13 s, `~~a` runs 4 s, `**a*` runs 3 s. At the
 * limits (20,000 delimiters) the slowest is a 10,000-row table, 2.1 s; 0.5 MB of autolinks without
 * a single delimiter (e-mail addresses) takes 2.6 s, 0.5 MB of one-letter lines 1.6 s.
 */
const MAX_MARKDOWN_CHARACTERS = 512 * 1024;
const MAX_MARKDOWN_DELIMITERS = 20_000;
/**
 * Blockquotes cost lines times depth: markdown-it re-checks every open quote on each continuation
 * line (measured: 0.5 MB of one-letter lines inside 20 levels of `>` took 6.8 s, inside 5 levels
 * 3 s). Real documents quote a few levels over a few thousand lines (well under 100,000); at the
 * bound the slowest measured is 262,000 lines inside 3 levels, 2.7 s.
 */
const MAX_QUOTED_LINE_LEVELS = 1_000_000;

export interface RenderedBody {
  /** Sanitised HTML. */
  html: string;
  /** Plain text of exactly what the HTML shows. */
  text: string;
  /** Text of the first heading, for documents whose title comes from it. */
  firstHeading: string | null;
}

/**
 * Markdown -> sanitised HTML: markdown-it renders HTML (raw HTML in the Markdown passed through),
 * parse5 parses that whole string for real into hast, so that the reference transform and then the
 * sanitiser see actual elements, never strings to pattern-match.
 *
 * Why not remark/micromark, which this used before: on 1,000 generated benchmark posts this whole
 * function took 3.1-4.3 ms per document with micromark and 0.47 ms now (micromark's parse alone was
 * 2.2 ms; markdown-it's is 0.1 ms), and the rendered documents are the same (README, import section).
 */
export function renderMarkdown(markdown: string, context: ReferenceContext): RenderedBody {
  // A text no longer than the bound cannot hold more delimiters than that: most are not counted.
  const tooLong = markdown.length > MAX_MARKDOWN_CHARACTERS;
  const delimiters = tooLong || markdown.length > MAX_MARKDOWN_DELIMITERS ? countDelimiters(markdown) : 0;
  if (tooLong || delimiters > MAX_MARKDOWN_DELIMITERS) {
    context.warn(
      `too large or too dense in Markdown syntax to parse safely (${markdown.length} characters, ${delimiters} delimiters); imported as plain text`,
      undefined,
      'plain-text-fallback',
    );
    return renderPlainText(markdown, context);
  }
  const quoted = quotedLineLevels(markdown);
  if (quoted.lines * quoted.deepest > MAX_QUOTED_LINE_LEVELS) {
    context.warn(
      `quoted too deeply over too many lines to parse safely (${quoted.lines} lines, quotes ${quoted.deepest} levels deep); imported as plain text`,
      undefined,
      'plain-text-fallback',
    );
    return renderPlainText(markdown, context);
  }
  try {
    const parser = markdownParser(mayHoldAttributeList(markdown));
    // Per document: the footnote plugin keeps its definitions here.
    const env = {};
    warnSpacedDestinations(markdown, context);
    const tokens = parser.parse(markdown, env);
    if (exceedsNesting(tokens)) {
      context.warn(
        `nested too deeply to parse safely (more than ${MAX_MARKDOWN_NESTING} levels); imported as plain text`,
        undefined,
        'plain-text-fallback',
      );
      return renderPlainText(markdown, context);
    }
    const rendered = renderWithSourceLines(parser, tokens, env);
    // Blocks end with a line break; the last one's is not part of the document (nor was it before).
    const html = withoutTrailingNewlines(rendered.html);
    // Source positions are 45% of parse5's time (0.22 of 0.49 ms per generated document) and are
    // read only to name the line of a link or image the reference transform refuses, which few
    // documents have. So: parse without them, and only if that raised a warning, parse again with
    // them and let the second pass warn (it does the same; stored images are cached).
    // An object, not a local: the callback below sets it, which a narrowed local would hide.
    const quickPass = { warned: false };
    // markdown-it's own HTML (no raw HTML in it) is read without parse5: the same tree (escaped-html-fragment.ts).
    const quick = finish(escapedHtmlFragment(html) ?? fragmentWithoutPositions(html), {
      ...context,
      warn: () => {
        quickPass.warned = true;
      },
    });
    if (!quickPass.warned) return quick;
    const hast = fromHtml(html, { fragment: true });
    applySourceLines(hast, (offset) => rendered.lineAt(offset));
    return finish(hast, context);
  } catch (error) {
    if (!isStackExhausted(error)) throw error;
    context.warn(`${TOO_DEEP}; imported as plain text`, undefined, 'plain-text-fallback');
    return renderPlainText(markdown, context);
  }
}

/** parse5's fragment as hast, without source positions; a fragment always converts to a root. */
function fragmentWithoutPositions(html: string): Root {
  const tree = fromParse5(parseFragment(html, { scriptingEnabled: false }));
  if (tree.type !== 'root') throw new Error(`parse5 turned a fragment into a ${tree.type}, not a root`);
  return tree;
}

/**
 * The conversion of parse5's tree to hast and the hast utilities recurse once per nesting level:
 * 10,000 nested elements exhaust the stack (measured: hast-util-from-parse5 throws RangeError on
 * 131,000 nested `<b>` in Markdown; an HTML page of 10,000 nested `<div>` fails alike). markdown-it
 * itself stops at `MAX_MARKDOWN_NESTING`. Real documents nest a few levels; a document that does
 * not fit is kept as flat text rather than dropped.
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
 * Parsers and processors are built once per thread, not per document. They hold only configuration,
 * never per-document state (markdown-it's per-document state lives in the `env` passed to `parse`;
 * the document's context reaches the reference transform by a direct call in `finish`). Rebuilding
 * them for each of thousands of documents was measurable import time; they are created lazily so
 * that importing this module costs nothing.
 */
let cachedMarkdownParser: MarkdownIt | null = null;
let cachedPlainMarkdownParser: MarkdownIt | null = null;
let cachedSanitizingProcessor: ReturnType<typeof buildSanitizingProcessor> | null = null;
let cachedHtmlPageParser: ReturnType<typeof buildHtmlPageParser> | null = null;

/** The parser for a text; without kramdown attribute lists when the text cannot hold one. */
function markdownParser(attributeLists: boolean): MarkdownIt {
  if (attributeLists) {
    cachedMarkdownParser ??= createMarkdownParser();
    return cachedMarkdownParser;
  }
  cachedPlainMarkdownParser ??= createMarkdownParser({ attributeLists: false });
  return cachedPlainMarkdownParser;
}

let cachedKeptTags: ReadonlySet<string> | null = null;

/** Elements the sanitiser keeps (the others are unwrapped or stripped). */
function keptTags(): ReadonlySet<string> {
  cachedKeptTags ??= new Set(sanitizeSchema.tagNames ?? []);
  return cachedKeptTags;
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

/** A loop, not `/\n+$/`: that regex is quadratic on a long run of line breaks that is not at the end. */
function withoutTrailingNewlines(html: string): string {
  let end = html.length;
  while (end > 0 && html.charCodeAt(end - 1) === 10) end -= 1;
  return end === html.length ? html : html.slice(0, end);
}

/**
 * Lines of the text, and the most `>` quote markers any line starts with (an upper bound of the
 * quote depth: markers inside code blocks count too). One pass, no regular expression.
 */
function quotedLineLevels(text: string): { lines: number; deepest: number } {
  let lines = 0;
  let deepest = 0;
  let start = 0;
  while (start <= text.length) {
    lines += 1;
    let depth = 0;
    let index = start;
    for (; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === 62)
        depth += 1; // >
      else if (code !== 32 && code !== 9) break;
    }
    if (depth > deepest) deepest = depth;
    const newline = text.indexOf('\n', index);
    if (newline === -1) break;
    start = newline + 1;
  }
  return { lines, deepest };
}

/** 1 for each ASCII character that opens or closes Markdown constructs: [ ] ( ) * _ ` < ! ~ | */
const DELIMITER = Uint8Array.from({ length: 128 }, (_, code) =>
  '[]()*_`<!~|'.includes(String.fromCharCode(code)) ? 1 : 0,
);

/**
 * Characters that open or close Markdown constructs. A table lookup per char instead of eleven
 * comparisons: it runs over every Markdown text of a build.
 */
function countDelimiters(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 128) count += DELIMITER[code] ?? 0;
  }
  return count;
}

/**
 * `[Cultura Ecológica](cultura ecologica)` is not a link in CommonMark (a destination cannot hold
 * spaces): it is kept as written, brackets and all, as every CommonMark renderer shows it; since
 * its author probably meant a link, the librarian is told where. The length bound keeps this
 * linear on pathological lines.
 */
function warnSpacedDestinations(markdown: string, context: ReferenceContext): void {
  if (!markdown.includes('](')) return;
  markdown.split('\n').forEach((line, index) => {
    if (!line.includes('](')) return;
    for (const match of line.matchAll(/\]\(([^()<>"'\\]{1,500})\)/g)) {
      const destination = (match[1] ?? '').trim();
      if (/\S\s+\S/.test(destination))
        context.warn(
          `link destination "${destination}" has spaces, which Markdown does not allow; kept as written`,
          context.lineOffset + index + 1,
          'link-as-written',
        );
    }
  });
}

/** An HTML page: its `<title>` (or first `<h1>`) and its body through the same transforms. */
export function renderHtmlPage(html: string, context: ReferenceContext): RenderedBody & { title: string | null } {
  try {
    return renderParsedHtmlPage(html, context);
  } catch (error) {
    if (!isStackExhausted(error)) throw error;
    context.warn(`${TOO_DEEP}; its text was imported without markup`, undefined, 'plain-text-fallback');
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
  warnRemovedElements(tree, context);
  separateUnwrappedBlocks(tree, keptTags());
  const processor = sanitizingProcessor();
  const clean = withoutEmptyClasses(processor.runSync(tree));
  const html = processor.stringify(clean);
  // After the HTML is written: the plain text is made by rewriting the tree (placeholders out).
  const text = documentPlainText(clean);
  const heading = findElement(clean, (element) => /^h[1-6]$/.test(element.tagName) && !hasClass(element, 'sr-only'));
  return { html, text, firstHeading: heading ? textOf(heading) || null : null };
}

/** Elements removed with their content: what they hold is not counted again. */
const STRIPPED_ELEMENTS: ReadonlySet<string> = new Set(sanitizeSchema.strip ?? []);

/**
 * One warning per document naming the elements the sanitiser is about to remove (`<script>` ×2,
 * `<form>`), so that the build report shows where HTML was lost. Iterative (deep trees).
 */
function warnRemovedElements(tree: Root, context: ReferenceContext): void {
  const removed = new Map<string, number>();
  const stack: (Root | Element)[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'element' && !keptTags().has(node.tagName)) {
      removed.set(node.tagName, (removed.get(node.tagName) ?? 0) + 1);
      if (STRIPPED_ELEMENTS.has(node.tagName)) continue;
    }
    // Reversed, so that elements are named in document order.
    for (let index = node.children.length - 1; index >= 0; index -= 1) {
      const child = node.children[index];
      if (child?.type === 'element') stack.push(child);
    }
  }
  if (removed.size === 0) return;
  const list = [...removed].map(([name, count]) => (count > 1 ? `<${name}> ×${count}` : `<${name}>`)).join(', ');
  context.warn(`HTML elements removed by the sanitiser: ${list}`, undefined, 'html-removed');
}

/**
 * The sanitiser removes classes outside its allowlist but leaves the attribute: `class=""` would
 * remain where a kramdown attribute list or a raw-HTML class was dropped. Iterative (deep trees).
 */
function withoutEmptyClasses(tree: Root): Root {
  const stack: (Root | Element)[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'element') {
      const value = node.properties.className;
      if (Array.isArray(value) && value.length === 0) delete node.properties.className;
    }
    for (const child of node.children) if (child.type === 'element') stack.push(child);
  }
  return tree;
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
