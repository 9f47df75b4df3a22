import { domOffsetOf, keyText, mapSpan } from '../lib/text-spans';

/**
 * A reading position is a passage of the document's plain text (offset + the words there),
 * never a pixel offset: the same passage lands at the top whatever the window's width, text
 * size or the marks in the text. These helpers move between that passage and the reader's DOM.
 */
export interface TextPassage {
  start: number;
  quote: string;
}

/** How many characters of the text are kept to find the passage again. */
const QUOTE_LENGTH = 60;
/** How many non-space characters are matched between the DOM and the stored text. */
const MATCHED_LENGTH = 40;
/** Leave this much room above the passage when scrolling back to it. */
const TOP_GAP_PX = 2;

/** Where `position` is in `text` now: its offset when the words are still there, else the nearest copy of them. */
export function locatePassage(text: string, position: TextPassage): number | null {
  if (position.quote === '') return position.start <= text.length ? position.start : null;
  if (text.startsWith(position.quote, position.start)) return position.start;
  let best: number | null = null;
  for (let at = text.indexOf(position.quote); at !== -1; at = text.indexOf(position.quote, at + 1)) {
    if (best === null || Math.abs(at - position.start) < Math.abs(best - position.start)) best = at;
  }
  return best;
}

/** The passage at the top of `scroller`'s visible area, as an offset into `text`; null when none is found. */
export function passageAtTop(body: HTMLElement, scroller: HTMLElement, text: string): TextPassage | null {
  const top = scroller.getBoundingClientRect().top + 1;
  const range = body.ownerDocument.createRange();
  const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node instanceof Text) || node.data.trim() === '') continue;
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.height === 0 || box.bottom <= top) continue;
    const offset = firstVisibleCharacter(node, range, top);
    const domStart = domOffsetOf(body, node, offset);
    const domText = body.textContent;
    const span = mapSpan(
      keyText(domText),
      keyText(text),
      domStart,
      Math.min(domText.length, domStart + MATCHED_LENGTH),
    );
    if (!span) return null;
    return { start: span.start, quote: text.slice(span.start, span.start + QUOTE_LENGTH) };
  }
  return null;
}

/** Scrolls `scroller` so the passage stands at its top; false when the passage is not in this text. */
export function scrollToPassage(
  body: HTMLElement,
  scroller: HTMLElement,
  text: string,
  position: TextPassage,
): boolean {
  const start = locatePassage(text, position);
  if (start === null) return false;
  const domText = body.textContent;
  const span = mapSpan(keyText(text), keyText(domText), start, Math.min(text.length, start + MATCHED_LENGTH));
  if (!span) return false;
  const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node instanceof Text)) continue;
    if (seen + node.data.length > span.start) {
      const range = body.ownerDocument.createRange();
      range.setStart(node, span.start - seen);
      range.setEnd(node, Math.min(node.data.length, span.start - seen + 1));
      const delta = range.getBoundingClientRect().top - scroller.getBoundingClientRect().top - TOP_GAP_PX;
      // Instantly: the stylesheet's smooth scrolling would make the reader watch the text fly by.
      scroller.scrollTo({ top: scroller.scrollTop + delta, behavior: 'instant' });
      return true;
    }
    seen += node.data.length;
  }
  return false;
}

/** The first character of `node` whose line reaches below `top` (a binary search: lines go down as offsets grow). */
function firstVisibleCharacter(node: Text, range: Range, top: number): number {
  let low = 0;
  let high = node.data.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    range.setStart(node, middle);
    range.setEnd(node, middle + 1);
    if (range.getBoundingClientRect().bottom > top) high = middle;
    else low = middle + 1;
  }
  // Start at a word, not inside one.
  while (low > 0 && /\S/u.test(node.data[low - 1] ?? '')) low -= 1;
  return low;
}
