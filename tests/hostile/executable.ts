import { JSDOM } from 'jsdom';

/**
 * The one definition, shared by the hostile-corpus build test and the property tests, of what a
 * stored or rendered document may never contain: anything that runs (scripts, handlers, script
 * URLs), anything that loads (src/srcset/CSS url(), frames, objects, base, meta, link) and foreign
 * namespaces (SVG, MathML) where mutation-XSS lives. It judges the DOM a browser would build from
 * the HTML (entities decoded, tags parsed for real), never the string, so `&#106;avascript:` and
 * `java&#x09;script:` are seen as what they are.
 */

const XHTML = 'http://www.w3.org/1999/xhtml';

/** Elements that execute, load, navigate, submit or switch to a foreign parsing namespace. */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'param',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'base',
  'meta',
  'link',
  'svg',
  'math',
  'noscript',
  'template',
  'video',
  'audio',
  'source',
  'track',
  'picture',
  'portal',
  'fencedframe',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
]);

/** Attributes whose value the browser fetches or executes as a URL, whatever the element. */
const LOADING_ATTRIBUTES = new Set([
  'src',
  'srcset',
  'srcdoc',
  'data',
  'poster',
  'background',
  'lowsrc',
  'dynsrc',
  'codebase',
  'ping',
  'imagesrcset',
  'manifest',
]);
/** Attributes holding a URL that is followed when the user acts (links): allowed only with a safe scheme. */
const NAVIGATING_ATTRIBUTES = new Set(['href', 'xlink:href', 'action', 'formaction', 'cite', 'longdesc', 'usemap']);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
/**
 * Attributes a browser only ever shows, matches or reads as a keyword, number or boolean (never
 * parses as CSS or a URL): `url(` in an alt text is words, `open="url(...)"` is just "present",
 * and data-* attributes are read only by the app's own code. In HTML only `style` is CSS (flagged
 * on its own above); this list is every other HTML attribute the importer's sanitiser lets through
 * (rehype-sanitize's GitHub defaults, narrowed). Any attribute not listed is treated as a CSS
 * reference that could load, so a sanitiser change that lets a new attribute through is noticed.
 */
const TEXT_ATTRIBUTES = new Set([
  'alt',
  'title',
  'aria-label',
  'aria-describedby',
  'aria-labelledby',
  'lang',
  'colspan',
  'rowspan',
  'start',
  'id',
  'name',
  'class',
  'data-missing-src',
  // Booleans and keywords: the value is ignored or matched against a fixed list.
  'open',
  'compact',
  'noshade',
  'nowrap',
  'dir',
  'align',
  'valign',
  'clear',
  'frame',
  'rules',
  'scope',
  'shape',
  // Numbers, lengths and colours (legacy presentational attributes parse these, never url()).
  'border',
  'cellpadding',
  'cellspacing',
  'cols',
  'rows',
  'size',
  'span',
  'width',
  'height',
  'hspace',
  'color',
  'coords',
  'char',
  'charoff',
  // Text, tokens, dates and labels shown or matched, never fetched.
  'abbr',
  'axis',
  'summary',
  'headers',
  'datetime',
  'hreflang',
  'itemprop',
  'rev',
  'charset',
  'for',
  'media',
]);

export interface Violation {
  /** Element (lowercase) where it was found. */
  element: string;
  /** What is wrong, e.g. `on* attribute onerror` or `href scheme javascript:`. */
  problem: string;
}

/** The scheme a browser would see in an attribute value (WHATWG URL: trim C0/space, drop tab/LF/CR), or null for a relative URL. */
export function urlScheme(value: string): string | null {
  // eslint-disable-next-line no-control-regex -- WHATWG URL parsing trims exactly C0 controls and space.
  const cleaned = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match?.[1] ? match[1].toLowerCase() : null;
}

/** Checks a DOM subtree (a sanitiser's fragment as the reader appends it). Iterative: hostile trees are deep. */
export function violationsInNode(root: Node): Violation[] {
  const violations: Violation[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.nodeType === 1) checkElement(node as Element, violations);
    // Template contents are a separate fragment: look inside anyway.
    const content = (node as { content?: Node }).content;
    if (content && content.nodeType === 11) stack.push(content);
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  return violations;
}

/**
 * The one input a document may hold: a GFM task list's checkbox, disabled (it can neither change
 * nor submit anything), with no attribute but type, checked and disabled.
 */
function isTaskListCheckbox(element: Element): boolean {
  return (
    element.localName === 'input' &&
    element.getAttribute('type') === 'checkbox' &&
    element.hasAttribute('disabled') &&
    Array.from(element.attributes).every((attribute) => ['type', 'checked', 'disabled'].includes(attribute.name))
  );
}

function checkElement(element: Element, violations: Violation[]): void {
  const name = element.localName.toLowerCase();
  const add = (problem: string): void => {
    violations.push({ element: name, problem });
  };
  if (element.namespaceURI !== XHTML) add(`element in foreign namespace ${element.namespaceURI ?? 'none'}`);
  if (FORBIDDEN_ELEMENTS.has(name) && !isTaskListCheckbox(element)) add(`forbidden element <${name}>`);
  for (const attribute of Array.from(element.attributes)) {
    const attributeName = attribute.name.toLowerCase();
    const value = attribute.value;
    if (attributeName.startsWith('on')) add(`event handler attribute ${attributeName}`);
    if (attributeName === 'style') add('style attribute');
    if (attributeName === 'http-equiv') add('http-equiv attribute');
    if (LOADING_ATTRIBUTES.has(attributeName)) add(`loading attribute ${attributeName}="${value.slice(0, 60)}"`);
    if (NAVIGATING_ATTRIBUTES.has(attributeName) || attributeName.endsWith(':href')) {
      const scheme = urlScheme(value);
      if (scheme !== null && !SAFE_SCHEMES.has(scheme)) add(`${attributeName} with scheme ${scheme}:`);
    }
    if (/url\s*\(/i.test(value) && !TEXT_ATTRIBUTES.has(attributeName) && !attributeName.startsWith('data-'))
      add(`CSS url( in attribute ${attributeName}`);
  }
}

/**
 * A checker for HTML strings: parsed as the body of an HTML document (how the reader's sanitiser
 * parses a stored document), in an inert jsdom window created once per checker (scripts never run
 * in it; nothing is fetched).
 */
export function createHtmlChecker(): { check(html: string): Violation[]; window: JSDOM['window'] } {
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const parser = new dom.window.DOMParser();
  return {
    window: dom.window,
    check(html: string): Violation[] {
      const parsed = parser.parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
      // Anything that ended up in <head> (a <meta>, <base>, <link> hoisted by the parser) counts too.
      return [...violationsInNode(parsed.head), ...violationsInNode(parsed.body)];
    },
  };
}

/** `<element>: problem` lines, for assertion messages. */
export function describeViolations(violations: Violation[]): string[] {
  return violations.map((violation) => `<${violation.element}>: ${violation.problem}`);
}
