import type { Element, ElementContent, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { rewriteChildren } from './rewrite-children';

/**
 * The class of elements whose text the importer made up to show something that is not there (a
 * remote image without alt text, an embedded video): the reader shows it, search never sees it.
 */
export const PLACEHOLDER_CLASS = 'placeholder';

/** Elements that stand for an image: their text (alt text, a caption) is words of its own. */
const IMAGE_CLASSES = ['remote-image', 'asset-missing'];

/**
 * The document's plain text (what search indexes, snippets quote and annotations address) from its
 * sanitised tree: innerText rules (hast-util-to-text: blocks and `<br>` become line breaks), with
 * - placeholders left out (they are not the document's words),
 * - images as their alt text, set apart by spaces (`![](x.jpg)Londres` must not give `x.jpgLondres`),
 * - blank-line runs collapsed so offsets stay compact and stable.
 * Changes `tree` (call it once the HTML has been written out).
 */
export function documentPlainText(tree: Root): string {
  asSearchText(tree);
  // Each replacement only where its pattern can match: the three regular expressions scan the
  // whole text (0.011 ms of CPU per generated post together), while looking for two or three
  // chars is a fast search, and most texts hold none of them.
  let text = toText(tree);
  if (text.includes(' \n') || text.includes('\t\n')) text = text.replace(/[ \t]+\n/g, '\n');
  if (text.includes('\n ') || text.includes('\n\t')) text = text.replace(/\n[ \t]+/g, '\n');
  if (text.includes('\n\n\n')) text = text.replace(/\n{3,}/g, '\n\n');
  return text.trim();
}

/**
 * Rewrites the tree into the words search sees. Most trees hold nothing to stand in (no image, no
 * placeholder): those are only looked through, since rewriting them would build every list of
 * children again unchanged.
 */
function asSearchText(tree: Root): void {
  if (holdsStandIns(tree)) rewriteChildren(tree, searchTextOf, withoutExtraSpaces);
}

/** Whether `searchTextOf` stands in for any element of the tree, or it holds a doctype (`rewriteChildren` drops it). */
function holdsStandIns(tree: Root): boolean {
  const stack: Array<Root | Element> = [tree];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    for (const child of parent.children) {
      if (child.type === 'doctype') return true;
      if (child.type !== 'element') continue;
      if (standsIn(child)) return true;
      stack.push(child);
    }
  }
  return false;
}

/** Whether `searchTextOf` gives anything but the element itself. */
function standsIn(element: Element): boolean {
  return (
    element.tagName === 'img' ||
    hasClass(element, PLACEHOLDER_CLASS) ||
    IMAGE_CLASSES.some((name) => hasClass(element, name))
  );
}

/**
 * What stands for one element in the words search sees (itself, walked into, unless left out).
 * `standsIn` decides which elements are anything but themselves, here and in `holdsStandIns`.
 */
function searchTextOf(element: Element): ElementContent[] {
  if (!standsIn(element)) return [element];
  if (hasClass(element, PLACEHOLDER_CLASS)) return [space()];
  if (element.tagName === 'img') {
    const alt = typeof element.properties.alt === 'string' ? element.properties.alt.trim() : '';
    return [space(), ...(alt ? [{ type: 'text' as const, value: alt }, space()] : [])];
  }
  // An image class: the element kept, set apart by spaces.
  return [space(), element, space()];
}

/** Spaces put in by `asSearchText`, told apart from the document's own by identity. */
const inserted = new WeakSet<ElementContent>();

function space(): ElementContent {
  const node: ElementContent = { type: 'text', value: ' ' };
  inserted.add(node);
  return node;
}

/** An inserted space is only needed where no whitespace already separates its neighbours. */
function withoutExtraSpaces(children: ElementContent[]): ElementContent[] {
  const kept: ElementContent[] = [];
  children.forEach((child, index) => {
    if (inserted.has(child)) {
      const before = kept[kept.length - 1];
      const after = children[index + 1];
      if (before === undefined || inserted.has(before)) return;
      if (before.type === 'text' && /\s$/.test(before.value)) return;
      if (after?.type === 'text' && !inserted.has(after) && /^\s/.test(after.value)) return;
    }
    kept.push(child);
  });
  return kept;
}

function hasClass(element: Element, name: string): boolean {
  const value = element.properties.className;
  return Array.isArray(value) && value.includes(name);
}
