import { foldForMatching, foldOrigins, foldWithMap, type FoldedText } from './fold';

/** A half-open range [start, end) of the ORIGINAL text. */
export interface TextRange {
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Whether one code unit is part of a word for phrase boundaries (letters, marks, digits). */
export function isWordChar(char: string): boolean {
  return WORD_CHAR.test(char);
}

/**
 * Where a folded phrase occurs in a text, compared folded, case-insensitive and with
 * whitespace collapsed, and only on word boundaries (`Ejecutivo Federal` is not found in
 * `Ejecutivo Federales`). Returns ranges of the original text, at most `limit` of them.
 */
export function findPhrase(text: string | FoldedText, foldedPhrase: string, limit = Infinity): TextRange[] {
  if (typeof text !== 'string') return phraseRanges(text.folded, foldedPhrase, limit, Infinity, () => text.origin);
  return findPhraseIn(text, foldForMatching(text), foldedPhrase, limit);
}

/**
 * findPhrase on a text whose foldForMatching form the caller already has, counting only the
 * occurrences that start before folded offset `before` (a snippet marks those in its window).
 * The position map is counted only up to the last occurrence kept (see foldOrigins).
 */
export function findPhraseIn(
  text: string,
  folded: string,
  foldedPhrase: string,
  limit = Infinity,
  before = Infinity,
): TextRange[] {
  return phraseRanges(folded, foldedPhrase, limit, before, (upTo) => {
    const counted = foldOrigins(text, folded, upTo);
    // The walk disagreed with the whole-string fold: fold char by char, as before.
    return counted ?? foldWithMap(text).origin;
  });
}

function phraseRanges(
  folded: string,
  foldedPhrase: string,
  limit: number,
  before: number,
  originsUpTo: (upTo: number) => ArrayLike<number>,
): TextRange[] {
  if (foldedPhrase === '') return [];
  const found: number[] = [];
  const first = foldedPhrase[0] ?? '';
  const last = foldedPhrase[foldedPhrase.length - 1] ?? '';
  for (
    let at = folded.indexOf(foldedPhrase);
    at >= 0 && at < before && found.length < limit;
    at = folded.indexOf(foldedPhrase, at + 1)
  ) {
    const end = at + foldedPhrase.length;
    const charBefore = at > 0 ? folded[at - 1] : undefined;
    const charAfter = end < folded.length ? folded[end] : undefined;
    const startsWord = charBefore === undefined || !WORD_CHAR.test(charBefore) || !WORD_CHAR.test(first);
    const endsWord = charAfter === undefined || !WORD_CHAR.test(charAfter) || !WORD_CHAR.test(last);
    if (startsWord && endsWord) found.push(at);
  }
  const lastAt = found[found.length - 1];
  if (lastAt === undefined) return [];
  const origin = originsUpTo(lastAt + foldedPhrase.length);
  return found.map((at) => ({ start: origin[at] ?? 0, end: originEnd(origin, at + foldedPhrase.length) }));
}

/** Whether a folded text (see foldForMatching) holds the phrase on word boundaries. */
export function containsPhrase(foldedText: string, foldedPhrase: string): boolean {
  if (foldedPhrase === '') return false;
  const first = foldedPhrase[0] ?? '';
  const last = foldedPhrase[foldedPhrase.length - 1] ?? '';
  for (let at = foldedText.indexOf(foldedPhrase); at >= 0; at = foldedText.indexOf(foldedPhrase, at + 1)) {
    const end = at + foldedPhrase.length;
    const before = at > 0 ? foldedText[at - 1] : undefined;
    const after = end < foldedText.length ? foldedText[end] : undefined;
    const startsWord = before === undefined || !WORD_CHAR.test(before) || !WORD_CHAR.test(first);
    const endsWord = after === undefined || !WORD_CHAR.test(after) || !WORD_CHAR.test(last);
    if (startsWord && endsWord) return true;
  }
  return false;
}

/**
 * Original index just past folded unit `end - 1`: normally where the next folded unit came
 * from (so trailing combining marks of decomposed text stay inside the range), or one past
 * the last char when the next unit came from the same original char.
 */
export function originEnd(origin: ArrayLike<number>, end: number): number {
  const last = origin[end - 1] ?? 0;
  const next = origin[end] ?? 0;
  return next > last ? next : last + 1;
}
