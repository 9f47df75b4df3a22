import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';

/**
 * One normal form for the spec's HTML and the app's, so that a comparison shows real differences
 * only. Both sides go through the same steps; each step is one of the app's DELIBERATE differences
 * (README, "What the importer understands"):
 *
 * 1. Links that lead outside the web (`/url`, `foo`, `#x`) become their text: the app links only to
 *    http(s)/mailto addresses and to other documents of the archive, and keeps any other link's text.
 * 2. Images become their alternative text: the app stores local images and shows remote ones as a
 *    link (`remote-image`), never loading them; a missing image is its alt text.
 * 3. External links carry `class="external"` and `rel="noopener noreferrer"`; task lists carry
 *    GitHub's `task-list-item`/`contains-task-list` classes; ids are prefixed `user-content-`.
 *    These attributes are removed; addresses are compared decoded (`%20` and ` ` alike), their
 *    scheme in lower case (the app writes `MAILTO:` as `mailto:`, which its allowlist compares).
 * 4. Whitespace between blocks is not compared (only inside `pre`).
 */
export function normaliseHtml(html: string): string {
  const tree = fromHtml(html, { fragment: true });
  tree.children = normaliseChildren(tree.children, false);
  return toHtml(tree, { allowDangerousHtml: false });
}

/** The text an HTML shows (images counted as their alt text), as words, after the same normalisation. */
export function visibleWords(html: string, dropContentOf: ReadonlySet<string> = new Set()): string[] {
  const tree = fromHtml(html, { fragment: true });
  tree.children = normaliseChildren(withoutElements(tree, dropContentOf).children, false);
  return toText(tree)
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

function withoutElements(tree: Root, names: ReadonlySet<string>): Root {
  const copy = structuredClone(tree);
  const keep = (child: RootContent): boolean => child.type !== 'element' || !names.has(child.tagName);
  const stack: (Root | Element)[] = [copy];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'root') node.children = node.children.filter(keep);
    else node.children = node.children.filter(keep);
    for (const child of node.children) if (child.type === 'element') stack.push(child);
  }
  return copy;
}

const BLOCK = new Set([
  'blockquote',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
const REMOVED_CLASSES = new Set(['external', 'remote-image', 'asset-missing', 'task-list-item', 'contains-task-list']);

function normaliseChildren(
  children: readonly (ElementContent | RootContent)[],
  inPre: boolean,
  inBlock = true,
): ElementContent[] {
  const result: ElementContent[] = [];
  for (const child of children) {
    if (child.type === 'comment' || child.type === 'doctype') continue;
    if (child.type === 'text') {
      result.push({ type: 'text', value: child.value });
      continue;
    }
    result.push(...normaliseElement(child, inPre || child.tagName === 'pre'));
  }
  return inPre ? mergeTexts(result) : withoutBlockWhitespace(mergeTexts(result), inBlock);
}

function normaliseElement(element: Element, inPre: boolean): ElementContent[] {
  const className = Array.isArray(element.properties.className) ? element.properties.className.map(String) : [];
  const href = typeof element.properties.href === 'string' ? element.properties.href : null;
  if (element.tagName === 'img') {
    const alt = typeof element.properties.alt === 'string' ? element.properties.alt : '';
    return alt ? [{ type: 'text', value: alt }] : [];
  }
  const unwrap =
    (element.tagName === 'a' && (className.includes('remote-image') || !isWebAddress(href))) ||
    (element.tagName === 'span' && className.includes('asset-missing'));
  const children = normaliseChildren(element.children, inPre, BLOCK.has(element.tagName));
  if (unwrap) return children;
  const properties: Element['properties'] = {};
  for (const name of Object.keys(element.properties).sort()) {
    const value = element.properties[name];
    if (name === 'rel' || name.startsWith('data')) continue;
    if (name === 'className') {
      const kept = className.filter((token) => !REMOVED_CLASSES.has(token));
      if (kept.length > 0) properties.className = kept;
      else if (className.length === 0) properties.className = []; // an empty class="" is a difference
      continue;
    }
    if ((name === 'id' || name === 'name') && typeof value === 'string') {
      properties[name] = value.replace(/^user-content-/, '');
      continue;
    }
    if (name === 'href' && typeof value === 'string') {
      properties.href = safeDecode(value).replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, (scheme) => scheme.toLowerCase());
      continue;
    }
    properties[name] = value;
  }
  return [{ ...element, properties, children }];
}

function isWebAddress(href: string | null): boolean {
  return href !== null && /^(?:https?|mailto):/i.test(href);
}

function safeDecode(address: string): string {
  try {
    return decodeURI(address);
  } catch {
    return address;
  }
}

function mergeTexts(children: ElementContent[]): ElementContent[] {
  const merged: ElementContent[] = [];
  for (const child of children) {
    const last = merged.at(-1);
    if (child.type === 'text' && last?.type === 'text') last.value += child.value;
    else merged.push(child);
  }
  return merged;
}

/** Whitespace next to a block boundary is layout, not content. */
function withoutBlockWhitespace(children: ElementContent[], inBlock: boolean): ElementContent[] {
  const isBlock = (node: ElementContent | undefined): boolean =>
    node === undefined ? inBlock : node.type === 'element' && BLOCK.has(node.tagName);
  const result: ElementContent[] = [];
  children.forEach((child, index) => {
    if (child.type !== 'text') {
      result.push(child);
      return;
    }
    let value = child.value;
    if (isBlock(children[index - 1])) value = value.replace(/^\s+/, '');
    if (isBlock(children[index + 1])) value = value.replace(/\s+$/, '');
    if (value) result.push({ type: 'text', value });
  });
  return result;
}
