import { foldForMatching, foldOrigins } from './fold';
import { isWordChar, originEnd, type TextRange } from './text-match';

/**
 * Texts made only of these chars fold chunk by chunk exactly as they fold whole: ASCII, Latin
 * letters (U+0080-02FF: no combining mark, so foldForMatching does not normalise; lower-casing
 * is context-free there) and general punctuation and currency signs (U+2000-20CF). Any other
 * char (a combining mark, Greek final sigma, a surrogate pair...) sends the text to the
 * whole-text fold.
 */
// eslint-disable-next-line no-control-regex -- a code-point range that happens to start at NUL.
const OUTSIDE_CHUNKABLE = /[^\u0000-\u02ff\u2000-\u20cf]/;

/** Original chars folded per step: most phrase occurrences of a hit sit in its first few hundred chars. */
const CHUNK_CHARS = 1024;

/** One folded chunk: where it starts in the original text and in the folded text. */
interface Chunk {
  original: number;
  folded: number;
}

/**
 * The occurrences of some folded phrases a snippet shows, as `findPhraseIn` over the whole
 * folded text would give them (each phrase's, up to `limit`, starting before folded offset
 * `anchor + slack`, where `anchor` is the original start of the earliest occurrence of any
 * phrase), in phrase order then text order; [] when no phrase occurs. Null when the text holds
 * a char outside the chunkable set, or the position walk disagrees with the fold: the caller
 * then folds the whole text.
 *
 * Why: a phrase query's snippets folded the whole scanned text (8,000 chars) and walked its
 * position map from the start to the phrase, for every hit. Here the text is folded a chunk at
 * a time (cut where a whitespace run begins, so no run, surrogate pair or lower-casing context
 * spans two chunks and the chunks' folds join into the whole text's) only as far as the
 * occurrences shown, and positions are walked from the chunk that holds the first of them.
 */
export function phrasesNearFirst(
  text: string,
  phrases: readonly string[],
  slack: number,
  limit: number,
): TextRange[] | null {
  if (OUTSIDE_CHUNKABLE.test(text)) return null;
  const longest = phrases.reduce((length, phrase) => Math.max(length, phrase.length), 0);
  const folding = new ChunkedFold(text);
  // Earliest folded offset of any phrase's first occurrence, found in a growing folded prefix.
  let first = -1;
  while (first < 0) {
    first = firstOccurrence(folding, phrases, longest);
    if (first >= 0 || folding.complete) break;
    folding.extend();
  }
  if (first < 0) return [];
  const anchor = folding.originOf(first);
  if (anchor === null) return null;
  const before = anchor + slack;
  // Every occurrence starting before `before`, with the char after it folded too.
  while (!folding.complete && folding.folded.length <= before + longest) folding.extend();
  const found: Array<{ at: number; length: number }> = [];
  for (const phrase of phrases) {
    if (phrase === '') continue;
    let count = 0;
    for (let at = folding.folded.indexOf(phrase); at >= 0 && at < before && count < limit;) {
      if (onWordBoundaries(folding.folded, at, phrase)) {
        found.push({ at, length: phrase.length });
        count += 1;
      }
      at = folding.folded.indexOf(phrase, at + 1);
    }
  }
  const lastEnd = found.reduce((end, { at, length }) => Math.max(end, at + length), 0);
  const origin = folding.originsFrom(first, lastEnd);
  if (origin === null) return null;
  return found.map(({ at, length }) => ({
    start: origin.at(at),
    end: originEnd(origin.view, at + length - origin.offset),
  }));
}

/**
 * The folded offset of the earliest occurrence (on word boundaries) of any phrase in the folded
 * prefix, or -1. Occurrences ending within `longest` chars of the prefix's end are not counted
 * yet (the char after them is not folded), unless the prefix is the whole text.
 */
function firstOccurrence(folding: ChunkedFold, phrases: readonly string[], longest: number): number {
  const { folded, complete } = folding;
  const limit = complete ? folded.length : folded.length - longest;
  let first = -1;
  for (const phrase of phrases) {
    if (phrase === '') continue;
    for (let at = folded.indexOf(phrase); at >= 0 && at < limit; at = folded.indexOf(phrase, at + 1)) {
      if (first >= 0 && at >= first) break;
      if (onWordBoundaries(folded, at, phrase)) {
        first = at;
        break;
      }
    }
  }
  return first;
}

/** containsPhrase's rule: a phrase starting (ending) with a word char must start (end) a word. */
function onWordBoundaries(folded: string, at: number, phrase: string): boolean {
  const end = at + phrase.length;
  const startsWord = at === 0 || !isWordChar(phrase[0] ?? '') || !isWordChar(folded[at - 1] ?? '');
  const endsWord =
    end >= folded.length || !isWordChar(phrase[phrase.length - 1] ?? '') || !isWordChar(folded[end] ?? '');
  return startsWord && endsWord;
}

/** Folded offsets mapped to original ones, from a chunk's start on. */
interface Origins {
  /** foldOrigins' map of the text from the chunk on (original offsets relative to it). */
  view: Int32Array;
  /** Folded offset of the map's first entry. */
  offset: number;
  /** Original offset of the chunk. */
  base: number;
  at(folded: number): number;
}

/** A text folded (foldForMatching) chunk by chunk, on demand. */
class ChunkedFold {
  folded = '';
  complete = false;
  private readonly chunks: Chunk[] = [];
  private next = 0;

  constructor(private readonly text: string) {
    this.extend();
  }

  /** Folds the next chunk: about CHUNK_CHARS chars, cut before a whitespace run that follows a non-space. */
  extend(): void {
    if (this.complete) return;
    const start = this.next;
    const cut = cutBeforeWhitespace(this.text, start + CHUNK_CHARS);
    this.chunks.push({ original: start, folded: this.folded.length });
    this.folded += foldForMatching(this.text.slice(start, cut));
    this.next = cut;
    this.complete = cut >= this.text.length;
  }

  /** The original offset of folded offset `at`, or null when the walk disagrees with the fold. */
  originOf(at: number): number | null {
    return this.originsFrom(at, at)?.at(at) ?? null;
  }

  /** Positions of folded offsets `from` to `to` (and the one after), walked from the chunk holding `from`. */
  originsFrom(from: number, to: number): Origins | null {
    let chunk = this.chunks[0] ?? { original: 0, folded: 0 };
    for (const candidate of this.chunks) if (candidate.folded <= from) chunk = candidate;
    // The walk stops at `to` (below the folded prefix's length unless it is the whole text).
    const view = foldOrigins(this.text.slice(chunk.original), this.folded.slice(chunk.folded), to - chunk.folded);
    if (view === null) return null;
    const base = chunk.original;
    const offset = chunk.folded;
    for (let i = 0; i < view.length; i += 1) view[i] = (view[i] ?? 0) + base;
    return { view, offset, base, at: (folded) => view[folded - offset] ?? 0 };
  }
}

/**
 * The first offset at or after `from` where a whitespace char follows a non-whitespace one (the
 * text's length when there is none): no whitespace run, surrogate pair or word spans it.
 */
function cutBeforeWhitespace(text: string, from: number): number {
  for (let i = Math.max(from, 1); i < text.length; i += 1) {
    if (isSpace(text.charCodeAt(i)) && !isSpace(text.charCodeAt(i - 1))) return i;
  }
  return text.length;
}

/** `\s` for the chunkable chars: tab to carriage return, space, U+00A0, U+2000-200A, U+2028-2029, U+202F, U+205F. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f
  );
}
