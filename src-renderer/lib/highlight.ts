import { foldWithOffsets, foldWord, WORD_PATTERN } from './fold';
import { textNodesOf } from './text-spans';

/**
 * Highlighting in the reader. The search response gives the query's terms after analysis
 * (folded and stemmed: `espionaje` → `espionaj`) and its phrases as typed. We do not run
 * the Spanish stemmer in the browser; instead a word matches when its folded form starts
 * with a term. That over-matches a little (`gobierno` also lights up `gobiernos`, which the
 * stemmer would conflate anyway) and never misses a stemmed hit, which is what a reader
 * scanning for the query's words wants. Phrase words must match whole words.
 */
export function createWordMatcher(
  terms: readonly string[],
  phrases: readonly string[],
): ((word: string) => boolean) | null {
  // Terms shorter than two letters would light up half the text; wildcards and fuzz marks are not letters.
  const prefixes = [
    ...new Set(terms.map((term) => foldWord(term).replace(/[^\p{L}\p{N}]/gu, '')).filter((term) => term.length >= 2)),
  ];
  const wholeWords = new Set<string>();
  for (const phrase of phrases)
    for (const word of foldWord(phrase).match(WORD_PATTERN) ?? []) if (word.length >= 2) wholeWords.add(word);
  if (prefixes.length === 0 && wholeWords.size === 0) return null;
  return (word) => {
    const folded = foldWord(word);
    return wholeWords.has(folded) || prefixes.some((prefix) => folded.startsWith(prefix));
  };
}

/** Wraps the given [start, end) ranges of one text node in `<mark class=...>`; returns the marks in order. */
function wrapRanges(node: Text, ranges: Array<[number, number]>, className: string): HTMLElement[] {
  const marks: HTMLElement[] = [];
  const document = node.ownerDocument;
  // Work from the end so earlier offsets stay valid while the node is split.
  for (const [start, end] of [...ranges].reverse()) {
    const middle = node.splitText(start);
    middle.splitText(end - start);
    const mark = document.createElement('mark');
    mark.className = className;
    middle.replaceWith(mark);
    mark.append(middle);
    marks.unshift(mark);
  }
  return marks;
}

/** Marks every word of `root` that `matches`; returns the marks in document order. */
export function highlightWords(
  root: HTMLElement,
  matches: (word: string) => boolean,
  className: string,
): HTMLElement[] {
  const marks: HTMLElement[] = [];
  for (const node of textNodesOf(root)) {
    const ranges: Array<[number, number]> = [];
    for (const found of node.data.matchAll(WORD_PATTERN)) {
      if (matches(found[0])) ranges.push([found.index, found.index + found[0].length]);
    }
    if (ranges.length > 0) marks.push(...wrapRanges(node, ranges, className));
  }
  return marks;
}

/** Find-in-document: marks every folded occurrence of `needle` (within one text node). */
export function highlightSubstring(root: HTMLElement, needle: string, className: string): HTMLElement[] {
  const foldedNeedle = foldWord(needle.trim());
  if (foldedNeedle === '') return [];
  const marks: HTMLElement[] = [];
  for (const node of textNodesOf(root)) {
    const { folded, offsets } = foldWithOffsets(node.data);
    const ranges: Array<[number, number]> = [];
    for (
      let at = folded.indexOf(foldedNeedle);
      at !== -1;
      at = folded.indexOf(foldedNeedle, at + foldedNeedle.length)
    ) {
      const start = offsets[at];
      const end = offsets[at + foldedNeedle.length];
      if (start !== undefined && end !== undefined) ranges.push([start, end]);
    }
    if (ranges.length > 0) marks.push(...wrapRanges(node, ranges, className));
  }
  return marks;
}
