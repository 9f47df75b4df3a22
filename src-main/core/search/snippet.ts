import type { SpanishAnalyzer } from './analyzer';
import { foldChar, foldForMatching, type FoldedText } from './fold';
import { findPhrase, findPhraseIn, type TextRange } from './text-match';
import { phrasesNearFirst } from './phrases-near-first';

/** Target length of a snippet, in characters of the original text. */
export const SNIPPET_LENGTH = 200;
/** How much text to show before the first highlighted word. */
const LEAD_IN = 60;
/**
 * How much of a text a snippet looks at (chars): the passage is chosen, and matches counted, in
 * the text's first SNIPPET_SCAN chars only (cut at a space). Analysing every word of a whole
 * text was a third of a search's time on long documents; the best passage of the first pages
 * is as good a preview, and a whole seed letter (5,300 chars) still fits.
 */
export const SNIPPET_SCAN = 8_000;

export interface SnippetInput {
  /** The text, or at least its first SNIPPET_SCAN + 1 chars (see `truncated`). */
  text: string;
  /** `text` is only the start of the document's text, which goes on after it. */
  truncated?: boolean;
  /** Folded form of `text`, when the caller already made one (phrase checks). */
  folded?: FoldedText;
  /** Index terms (folded, stemmed) that matched this document, from Lunr's matchData. */
  matchedTerms: ReadonlySet<string>;
  /** Folded phrases to highlight. */
  phrases: readonly string[];
}

export interface Snippet {
  /** HTML-escaped text with `<mark>` around matched words and phrases. */
  html: string;
  /** Occurrences of matched terms in the text (each word counted once). */
  matches: number;
}

/**
 * A short passage around the best match, within the first SNIPPET_SCAN chars of the text. A word is highlighted when the analyzer turns it
 * into one of the matched index terms, so stemmed (`espió` for `espiar`) and accent-folded
 * (`México` for `mexico`) matches are marked too. The passage is the ~200 characters that
 * hold the most distinct matched terms (the first phrase occurrence wins when there is one),
 * cut on word boundaries with … where text was left out.
 */
export function makeSnippet(input: SnippetInput, analyzer: SpanishAnalyzer): Snippet {
  const whole = input.text;
  const text = scannedPart(whole);
  const words = matchedWords(text, input.matchedTerms, analyzer);
  const phraseRanges = findPhrases(input, text);
  const anchor = phraseRanges[0]?.start ?? bestWindowStart(words);
  const window = cutWindow(text, anchor);
  const marks = mergeRanges([...phraseRanges, ...words.map((word) => word.range)]).filter(
    (range) => range.end > window.start && range.start < window.end,
  );

  let html = /\S/.test(text.slice(0, window.start)) ? '…' : '';
  let cursor = window.start;
  for (const mark of marks) {
    const start = Math.max(mark.start, window.start);
    const end = Math.min(mark.end, window.end);
    html += escapeText(text.slice(cursor, start));
    html += `<mark>${escapeText(text.slice(start, end))}</mark>`;
    cursor = end;
  }
  html += escapeText(text.slice(cursor, window.end));
  if (input.truncated === true || /\S/.test(whole.slice(window.end))) html += '…';
  return { html, matches: words.length };
}

/**
 * The phrases' occurrences a snippet can show, in text order: the first one (the anchor of the
 * window) and those starting up to a window's length after it. Marking every occurrence in the
 * scanned part mapped folded offsets back over the whole of it, most of a phrase query's snippet.
 */
function findPhrases(input: SnippetInput, text: string): TextRange[] {
  const ranges: TextRange[] = [];
  // A caller's folded copy is of the whole text: its ranges past the scanned part are dropped.
  const keep = (found: readonly TextRange[]): void => {
    for (const range of found) if (range.end <= text.length) ranges.push(range);
  };
  if (input.folded) {
    for (const phrase of input.phrases) keep(findPhrase(input.folded, phrase, 50));
  } else if (input.phrases.length > 0) {
    // Folded only as far as the shown occurrences, when the text allows (phrases-near-first.ts).
    const near = phrasesNearFirst(text, input.phrases, 2 * SNIPPET_LENGTH, 50);
    if (near !== null) {
      keep(near);
      return ranges.sort((a, b) => a.start - b.start);
    }
    const folded = foldForMatching(text);
    const firsts = input.phrases.map((phrase) => findPhraseIn(text, folded, phrase, 1)[0]?.start ?? Infinity);
    const anchor = Math.min(...firsts);
    if (anchor === Infinity) return ranges;
    // Folded offsets are at most the original ones here (folding drops whitespace and marks; a
    // char folding to two units is rare), so a window's length of slack past the anchor suffices.
    for (const phrase of input.phrases) keep(findPhraseIn(text, folded, phrase, 50, anchor + 2 * SNIPPET_LENGTH));
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/** The start of a text a snippet looks at: at most SNIPPET_SCAN chars, cut after the last whitespace. */
function scannedPart(text: string): string {
  if (text.length <= SNIPPET_SCAN) return text;
  const cut = text.slice(0, SNIPPET_SCAN);
  const lastSpace = lastWhitespace(cut);
  return lastSpace > 0 ? cut.slice(0, lastSpace) : cut;
}

const WHITESPACE_CHAR = /\s/;

/**
 * Index of the last whitespace code unit of a text (what `search(/\s\S*$/)` finds), or -1: a
 * walk back from the end, where the regex tried every whitespace of 8,000 chars for one that
 * ends the text's run of non-space.
 */
function lastWhitespace(text: string): number {
  for (let i = text.length - 1; i >= 0; i -= 1) {
    const code = text.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13) || (code > 127 && WHITESPACE_CHAR.test(text.charAt(i)))) return i;
  }
  return -1;
}

/** Counts how many words of `text` analyse to one of `terms` (for titles and other fields). */
export function countMatches(text: string, terms: ReadonlySet<string>, analyzer: SpanishAnalyzer): number {
  return matchedWords(text, terms, analyzer).length;
}

interface MatchedWord {
  term: string;
  range: TextRange;
}

// eslint-disable-next-line no-control-regex -- a code-point range that happens to start at NUL.
const BEYOND_NFC_STABLE = /[^\u0000-\u02ff\u2002-\u206f]/;

function matchedWords(text: string, terms: ReadonlySet<string>, analyzer: SpanishAnalyzer): MatchedWord[] {
  const out: MatchedWord[] = [];
  if (terms.size === 0) return out;
  // NFC so decomposed accents analyse like composed ones; the range stays in the original.
  // Imported text is already NFC: one check of the whole text spares a normalize per word.
  // Latin letters (U+0000-02FF) and general punctuation (U+2002-206F) are all stable under NFC,
  // so a text of those alone needs no normalisation pass (the common case, and a cheap test).
  const composed = !BEYOND_NFC_STABLE.test(text) || text.normalize('NFC') === text;
  // A term's first letter is its word's first letter folded (the stemmer only touches
  // suffixes), so words starting with any other letter need no analysis: most words of a text.
  // An array, not a Set: a query has a handful of initials, compared once per word of the text.
  const initials: number[] = [];
  for (const term of terms) if (!initials.includes(term.charCodeAt(0))) initials.push(term.charCodeAt(0));
  // Sharper for a word that starts with two ASCII letters (most Spanish words): the stemmer
  // removes and replaces suffixes only after a word's first two letters (Snowball's RV and R1
  // regions start at the third letter at the earliest), so such a word's term begins with them,
  // lower-cased (tests/unit/search/snippet.test.ts checks it on Debian's Spanish word list).
  // Only words whose first two letters begin a term are analysed: far fewer than share the
  // initial, and analysing a word not yet in the analyzer's memo (the stemmer) was most of a
  // never-seen query's snippets. (A term that does not start with two ASCII letters, such as
  // `ñandu` or a one-letter term, cannot come from such a word, so it adds no pair.)
  const leadingPairs: number[] = [];
  for (const term of terms) {
    const pair = asciiLetterPair(term, 0);
    if (pair !== -1 && !leadingPairs.includes(pair)) leadingPairs.push(pair);
  }
  // The words of WORD_PATTERN, found by a scan over char codes: a text of thousands of words
  // made as many match objects and strings when only the few with a matching initial are needed.
  // ASCII chars (most of a Spanish text) are classified inline from a small table: a call per
  // char was most of a snippet's time.
  const length = text.length;
  let at = 0;
  while (at < length) {
    const code = text.charCodeAt(at);
    if ((code < 128 ? ASCII_WORD_CHARS[code] : wordCharWidth(text, at)) === 0) {
      at += 1;
      continue;
    }
    const start = at;
    while (at < length) {
      const next = text.charCodeAt(at);
      if (next < 128) {
        if (ASCII_WORD_CHARS[next] === 0) break;
        at += 1;
      } else {
        const width = wordCharWidth(text, at);
        if (width === 0) break;
        at += width;
      }
    }
    const initial = foldedInitial(code);
    // -1 = the word starts with a combining mark: analyse it.
    if (initial !== -1 && !initials.includes(initial)) continue;
    const pair = asciiLetterPair(text, start);
    if (pair !== -1 && !leadingPairs.includes(pair)) continue;
    const word = text.slice(start, at);
    const term = analyzer.analyzeWord(composed ? word : word.normalize('NFC'));
    if (term !== null && terms.has(term)) out.push({ term, range: { start, end: at } });
  }
  return out;
}

/**
 * The two chars at `at` lower-cased as one number when both are ASCII letters, else -1. A term
 * is folded and lower-cased, so its own pair is the same number as that of a word it comes from.
 */
function asciiLetterPair(text: string, at: number): number {
  const first = text.charCodeAt(at) | 0x20;
  const second = text.charCodeAt(at + 1) | 0x20;
  if (first < 97 || first > 122 || second < 97 || second > 122) return -1;
  return first * 128 + second;
}

/** 1 for the ASCII letters and digits (WORD_PATTERN's class below 128), else 0. */
const ASCII_WORD_CHARS = Uint8Array.from({ length: 128 }, (_, code) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ? 1 : 0,
);

/** First code unit of each BMP code unit folded, plus 1 (0: not yet known, or folds to nothing and is looked up again). */
const FOLDED_INITIALS = new Int32Array(0x10000);

/**
 * The first code unit of foldChar(one code unit), or -1 when it folds to nothing (a combining
 * mark), from a table filled as met: a Map lookup of a one-char string per word of a text was
 * a twentieth of a search.
 */
function foldedInitial(code: number): number {
  const known = FOLDED_INITIALS[code] ?? 0;
  if (known !== 0) return known - 1;
  const folded = foldChar(String.fromCharCode(code));
  const initial = folded === '' ? -1 : folded.charCodeAt(0);
  FOLDED_INITIALS[code] = initial + 1;
  return initial;
}

/** Code units of a BMP char: 0 unknown, 1 in WORD_PATTERN's class, 2 not (filled as met). */
const BMP_WORD_CHARS = new Uint8Array(0x10000);
const WORD_CODE_POINT = /^[\p{L}\p{M}\p{N}]$/u;

/**
 * How many code units the char at `at` takes if it is a letter, mark or digit (WORD_PATTERN's
 * class, by code point: a surrogate pair is one char), else 0.
 */
function wordCharWidth(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 128) {
    // NaN (past the end) compares false everywhere: 0.
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ? 1 : 0;
  }
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return WORD_CODE_POINT.test(text.slice(at, at + 2)) ? 2 : 0;
  }
  let known = BMP_WORD_CHARS[code] ?? 0;
  if (known === 0) {
    known = WORD_CODE_POINT.test(text.charAt(at)) ? 1 : 2;
    BMP_WORD_CHARS[code] = known;
  }
  return known === 1 ? 1 : 0;
}

/** Start of the matched word whose window of SNIPPET_LENGTH holds the most distinct terms. */
function bestWindowStart(words: readonly MatchedWord[]): number {
  if (words.length === 0) return 0;
  let best = 0;
  let bestDistinct = 0;
  let bestCount = 0;
  let right = 0;
  const counts = new Map<string, number>();
  for (let left = 0, leftWord = words[0]; leftWord !== undefined; left += 1, leftWord = words[left]) {
    const limit = leftWord.range.start + SNIPPET_LENGTH - LEAD_IN;
    for (let next = words[right]; next !== undefined && next.range.end <= limit; next = words[right]) {
      counts.set(next.term, (counts.get(next.term) ?? 0) + 1);
      right += 1;
    }
    const inWindow = right - left;
    if (counts.size > bestDistinct || (counts.size === bestDistinct && inWindow > bestCount)) {
      best = leftWord.range.start;
      bestDistinct = counts.size;
      bestCount = inWindow;
    }
    const leaving = leftWord.term;
    const remaining = (counts.get(leaving) ?? 1) - 1;
    if (remaining === 0) counts.delete(leaving);
    else counts.set(leaving, remaining);
    if (right === left) right = left + 1;
  }
  return best;
}

/** A window of about SNIPPET_LENGTH chars starting a little before `anchor`, on word boundaries. */
function cutWindow(text: string, anchor: number): TextRange {
  let start = Math.max(0, anchor - LEAD_IN);
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end === text.length) start = Math.max(0, Math.min(start, end - SNIPPET_LENGTH));
  if (start > 0) {
    // Do not begin inside a word: move forward to the next whitespace (but never past the anchor).
    const space = text.slice(start, anchor + 1).search(/\s/);
    if (space >= 0) start += space + 1;
    else start = anchor;
  }
  if (end < text.length) {
    const tail = text.slice(start, end);
    const lastSpace = tail.search(/\s\S*$/);
    if (lastSpace > anchor - start) end = start + lastSpace;
  }
  // Skip the whitespace at the edges so … sits next to a word.
  while (start < end && /\s/.test(text[start] ?? '')) start += 1;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end -= 1;
  return { start, end };
}

function mergeRanges(ranges: TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Escapes for HTML and collapses whitespace (line breaks of the text are not kept in a snippet). */
function escapeText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
