import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';

/**
 * The hast tree of HTML that markdown-it wrote without any raw HTML, read without parse5; null
 * when the HTML holds anything else, and the caller parses it with parse5.
 *
 * Why: parse5 was a third of the Markdown rendering's time (10,000 posts: 3.3 of 10.5 s sampled
 * in the render worker), for HTML whose shape is known: markdown-it's own output is well nested,
 * quotes every attribute value with `"`, and escapes text and values with `&amp;` `&lt;` `&gt;`
 * `&quot;` only. For such HTML the HTML parsing algorithm builds exactly the nesting written, so
 * it is read here with a stack, and each element is made by hastscript's `h` from its attributes
 * as written, as hast-util-from-parse5 makes it.
 *
 * Anything where parse5 could build something else gives null: a `<` or `&` this reader does not
 * expect (raw HTML, other entities), an end tag that does not close the open element, an
 * attribute named twice, a link inside a link (the adoption agency), a block opened inside a
 * paragraph or heading (implied end tags), text in a table's structure (foster parenting), a line
 * break right after `<pre>` (dropped by the parser). The equality with parse5 is tested on the
 * CommonMark and GFM spec examples and the real documents (tests/unit/import/escaped-html-fragment.test.ts).
 */
export function escapedHtmlFragment(html: string): Root | null {
  const root: Root = { type: 'root', children: [], data: { quirksMode: false } };
  const open: Element[] = [];
  let text = '';
  const flushText = (): void => {
    if (text === '') return;
    const parent = open[open.length - 1];
    const siblings: ElementContent[] | Root['children'] = parent ? parent.children : root.children;
    if (parent && TABLE_STRUCTURE.has(parent.tagName) && !/^[ \t\n\f\r]*$/.test(text)) throw NOT_PLAIN;
    siblings.push({ type: 'text', value: text });
    text = '';
  };
  try {
    let index = 0;
    while (index < html.length) {
      const next = nextSpecial(html, index);
      text += html.slice(index, next);
      if (next >= html.length) break;
      if (html.charCodeAt(next) === AMPERSAND) {
        const entity = ENTITY.exec(html.slice(next, next + 6));
        const decoded = entity ? ENTITIES[entity[0]] : undefined;
        if (decoded === undefined) throw NOT_PLAIN;
        text += decoded;
        index = next + (entity?.[0].length ?? 0);
        continue;
      }
      flushText();
      index = readTag(html, next, open, root);
    }
    flushText();
  } catch (error) {
    if (error === NOT_PLAIN) return null;
    throw error;
  }
  return open.length === 0 ? root : null;
}

const AMPERSAND = 38;
const LESS_THAN = 60;
const ENTITY = /^&(?:amp|lt|gt|quot);/;
const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };
/** Thrown inside the reader when the HTML is not of the plain kind; never leaves this module. */
const NOT_PLAIN = new Error('not plain markdown-it HTML');

/** Elements without content (no end tag). */
const VOID_ELEMENTS: ReadonlySet<string> = new Set(['br', 'hr', 'img', 'input']);
/** Where text other than whitespace is moved out of the table by the parser. */
const TABLE_STRUCTURE: ReadonlySet<string> = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr']);
/** Elements that belong in a table's structure only. */
const TABLE_PARTS: ReadonlySet<string> = new Set(['thead', 'tbody', 'tfoot', 'tr', 'th', 'td']);
/** Elements whose start tag would close an open `<p>` (among those markdown-it writes). */
const CLOSES_PARAGRAPH: ReadonlySet<string> = new Set([
  'p',
  'ul',
  'ol',
  'li',
  'dl',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
  'section',
  'div',
]);
/** Elements that markdown-it writes and the parser builds as written when well nested. */
const KNOWN_ELEMENTS: ReadonlySet<string> = new Set([
  ...CLOSES_PARAGRAPH,
  ...VOID_ELEMENTS,
  ...TABLE_STRUCTURE,
  'th',
  'td',
  'a',
  'em',
  'strong',
  'del',
  's',
  'code',
  'sup',
]);
const HEADINGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const TAG_NAME = /[a-z][a-z0-9]*/y;
const ATTRIBUTE_NAME = /[a-z][a-z-]*/y;

function nextSpecial(html: string, from: number): number {
  for (let index = from; index < html.length; index += 1) {
    const code = html.charCodeAt(index);
    if (code === LESS_THAN || code === AMPERSAND) return index;
    // The parser drops NUL from text; markdown-it never writes one (it reads NUL as U+FFFD).
    if (code === 0) throw NOT_PLAIN;
  }
  return html.length;
}

/** Reads the tag at `start` (a `<`), opens or closes its element; returns the index after it. */
function readTag(html: string, start: number, open: Element[], root: Root): number {
  let index = start + 1;
  const closing = html.charCodeAt(index) === 47; // /
  if (closing) index += 1;
  TAG_NAME.lastIndex = index;
  const name = TAG_NAME.exec(html)?.[0];
  if (!name || !KNOWN_ELEMENTS.has(name)) throw NOT_PLAIN;
  index += name.length;
  if (closing) {
    if (html.charCodeAt(index) !== 62 || open[open.length - 1]?.tagName !== name) throw NOT_PLAIN;
    open.pop();
    return index + 1;
  }
  const properties: Record<string, string> = {};
  for (;;) {
    const code = html.charCodeAt(index);
    if (code === 62) break; // >
    if (code !== 32) throw NOT_PLAIN;
    index += 1;
    ATTRIBUTE_NAME.lastIndex = index;
    const attribute = ATTRIBUTE_NAME.exec(html)?.[0];
    if (!attribute || Object.hasOwn(properties, attribute)) throw NOT_PLAIN;
    index += attribute.length;
    let value = '';
    if (html.charCodeAt(index) === 61) {
      // ="…"
      if (html.charCodeAt(index + 1) !== 34) throw NOT_PLAIN;
      const end = html.indexOf('"', index + 2);
      if (end < 0) throw NOT_PLAIN;
      value = decodeValue(html.slice(index + 2, end));
      index = end + 1;
    }
    properties[attribute] = value;
  }
  index += 1;
  const parent = open[open.length - 1];
  if (name === 'a' && open.some((element) => element.tagName === 'a')) throw NOT_PLAIN;
  if (CLOSES_PARAGRAPH.has(name) && open.some((element) => element.tagName === 'p' || HEADINGS.has(element.tagName)))
    throw NOT_PLAIN;
  // Table parts only where the parser puts them as written (no implied tbody, no ignored tags).
  const parentIsTable = parent !== undefined && TABLE_STRUCTURE.has(parent.tagName);
  if ((parentIsTable || TABLE_PARTS.has(name)) && !(parentIsTable && isTablePart(name, parent.tagName)))
    throw NOT_PLAIN;
  if (name === 'pre' && html.charCodeAt(index) === 10) throw NOT_PLAIN;
  const element = h(name, properties, []);
  (parent ? parent.children : root.children).push(element);
  if (!VOID_ELEMENTS.has(name)) open.push(element);
  return index;
}

/** Whether `name` is what a table's structure element `parent` holds (and only then may it hold it). */
function isTablePart(name: string, parent: string): boolean {
  if (parent === 'table') return name === 'thead' || name === 'tbody' || name === 'tfoot';
  if (parent === 'tr') return name === 'th' || name === 'td';
  return name === 'tr';
}

function decodeValue(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&[^;]*;?/g, (entity) => {
    const decoded = ENTITIES[entity];
    if (decoded === undefined) throw NOT_PLAIN;
    return decoded;
  });
}
