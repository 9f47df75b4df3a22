/**
 * Mapping between the reader's DOM and `DocumentRecord.text` (where annotation offsets live).
 *
 * Choice: QUOTE ANCHORING, not a re-implementation of hast-util-to-text's block rules. The
 * stored text is the same HTML turned to text with blank lines between blocks; the DOM's
 * textContent has the same characters but different whitespace (no block breaks, and the
 * reader adds a few labels of its own). So both sides are reduced to their non-whitespace
 * characters ("keys") with a map back to real offsets; a span is moved from one side to the
 * other by finding its key there, and when the passage occurs more than once, the occurrence
 * whose surrounding characters (32 each side) agree best with the source's wins. This keeps
 * working if the reader's DOM preparation changes, and it is the core's own idea (exact +
 * prefix/suffix) applied in the browser.
 */
export interface KeyedText {
  /** The text without whitespace. */
  key: string;
  /** `offsets[i]`: index in the original text of `key[i]`. */
  offsets: number[];
}

const CONTEXT = 32;
const WHITESPACE = /\s/u;

export function keyText(text: string): KeyedText {
  let key = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    // UTF-16 units, not code points: offsets must match the DOM's.
    const char = text.charAt(i);
    if (WHITESPACE.test(char)) continue;
    key += char;
    offsets.push(i);
  }
  return { key, offsets };
}

/** Index in `keyed.key` of the first key character at or after original offset `offset`. */
function keyIndexAt(keyed: KeyedText, offset: number): number {
  let low = 0;
  let high = keyed.offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((keyed.offsets[middle] ?? Infinity) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n += 1;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

/**
 * Moves the span [start, end) of `source` to the matching span of `target` (original offsets
 * on both sides); null when the passage's characters do not occur in `target`.
 */
export function mapSpan(
  source: KeyedText,
  target: KeyedText,
  start: number,
  end: number,
): { start: number; end: number } | null {
  const keyStart = keyIndexAt(source, start);
  const keyEnd = keyIndexAt(source, end);
  if (keyEnd <= keyStart) return null;
  const exact = source.key.slice(keyStart, keyEnd);
  const prefix = source.key.slice(Math.max(0, keyStart - CONTEXT), keyStart);
  const suffix = source.key.slice(keyEnd, keyEnd + CONTEXT);
  const relative = source.key.length > 0 ? keyStart / source.key.length : 0;
  let best = -1;
  let bestScore = -Infinity;
  for (let at = target.key.indexOf(exact); at !== -1; at = target.key.indexOf(exact, at + 1)) {
    const before = target.key.slice(Math.max(0, at - CONTEXT), at);
    const after = target.key.slice(at + exact.length, at + exact.length + CONTEXT);
    // Context agreement first; the relative position only breaks ties.
    const score =
      commonSuffixLength(prefix, before) +
      commonPrefixLength(suffix, after) -
      Math.abs(at / Math.max(1, target.key.length) - relative);
    if (score > bestScore) {
      bestScore = score;
      best = at;
    }
  }
  const first = target.offsets[best];
  const last = target.offsets[best + exact.length - 1];
  if (first === undefined || last === undefined) return null;
  return { start: first, end: last + 1 };
}

function isDocumentNode(node: Node): node is Document {
  return node.nodeType === Node.DOCUMENT_NODE;
}

function isTextNode(node: Node): node is Text {
  return node.nodeType === Node.TEXT_NODE;
}

/** The document a node lives in (a document is its own; only a document has no owner). */
function ownerDocumentOf(root: Node): Document {
  return root.ownerDocument ?? (isDocumentNode(root) ? root : document);
}

/** The text nodes under `root`, in document order. */
export function textNodesOf(root: Node): Text[] {
  const walker = ownerDocumentOf(root).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (isTextNode(node)) nodes.push(node);
  return nodes;
}

/** The offset in `root.textContent` of a DOM boundary point (container, offset). */
export function domOffsetOf(root: Node, container: Node, offset: number): number {
  const range = ownerDocumentOf(root).createRange();
  range.setStart(root, 0);
  range.setEnd(container, offset);
  return range.toString().length;
}

/** The current selection as offsets into `text`, or null when it is empty or outside `root`. */
export function selectionToTextSpan(
  root: HTMLElement,
  selection: Selection | null,
  text: string,
): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = domOffsetOf(root, range.startContainer, range.startOffset);
  const end = domOffsetOf(root, range.endContainer, range.endOffset);
  if (end <= start) return null;
  return mapSpan(keyText(root.textContent), keyText(text), start, end);
}

export interface MarkSpec {
  id: string;
  start: number;
  end: number;
  className: string;
}

/**
 * Wraps each span (offsets into `text`) in `<mark class=... data-annotation-id=...>`. Spans are
 * wrapped one after another; wrapping never changes textContent, so a later, overlapping span
 * simply splits the earlier marks' text into segments (nested marks). Returns the first mark
 * of each span by id; spans that cannot be found in the DOM are left out.
 */
export function wrapTextSpans(root: HTMLElement, text: string, specs: readonly MarkSpec[]): Map<string, HTMLElement> {
  const first = new Map<string, HTMLElement>();
  const textKey = keyText(text);
  const domKey = keyText(root.textContent);
  for (const spec of specs) {
    const span = mapSpan(textKey, domKey, spec.start, spec.end);
    if (!span) continue;
    let position = 0;
    for (const node of textNodesOf(root)) {
      const nodeStart = position;
      const nodeEnd = position + node.data.length;
      position = nodeEnd;
      if (nodeEnd <= span.start || nodeStart >= span.end) continue;
      const from = Math.max(span.start, nodeStart) - nodeStart;
      const to = Math.min(span.end, nodeEnd) - nodeStart;
      if (node.data.slice(from, to).trim() === '') continue; // Do not paint the gaps between blocks.
      const middle = from > 0 ? node.splitText(from) : node;
      if (to - from < middle.data.length) middle.splitText(to - from);
      const mark = root.ownerDocument.createElement('mark');
      mark.className = spec.className;
      mark.dataset.annotationId = spec.id;
      middle.replaceWith(mark);
      mark.append(middle);
      if (!first.has(spec.id)) first.set(spec.id, mark);
    }
  }
  return first;
}
