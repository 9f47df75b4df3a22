import type { ElementContent, Root } from 'hast';
import { rewriteChildren } from './rewrite-children';

/**
 * Elements a browser lays out as blocks (or table parts): between them, text never runs on. The
 * sanitiser unwraps the ones its allowlist lacks (`<center>`, `<figure>`, `<figcaption>`,
 * `<article>`, `<header>`...) and keeps their text, which then touched the next block's:
 * `…Foto Xinhua</figcaption></figure>Morelia.` became `Foto XinhuaMorelia.` in the reader and in
 * the indexed text.
 */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'plaintext',
  'pre',
  'search',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'xmp',
]);

/**
 * Puts a line break before and after every block element the sanitiser is going to unwrap (tags not
 * in `kept`), so that its text stays apart from its neighbours' once the element is gone. Kept
 * blocks need nothing: the HTML and its plain text (innerText rules) separate them already. A line
 * break between blocks renders as nothing or as one space, which is what the block showed.
 */
export function separateUnwrappedBlocks(tree: Root, kept: ReadonlySet<string>): void {
  rewriteChildren(tree, (element) =>
    BLOCK_ELEMENTS.has(element.tagName) && !kept.has(element.tagName) ? [lineBreak(), element, lineBreak()] : [element],
  );
}

function lineBreak(): ElementContent {
  return { type: 'text', value: '\n' };
}
