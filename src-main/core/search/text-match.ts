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
  const ranges: TextRange[] = [];
  if (foldedPhrase === '') return ranges;
  // The folded text by whole-string operations, and the position map only once the phrase is
  // there (most texts a snippet looks at for a phrase hold it, but the map is built without
  // a string per char).
  const folded = typeof text === 'string' ? foldForMatching(text) : text.folded;
  if (folded.indexOf(foldedPhrase) < 0) return ranges;
  let origin: ArrayLike<number>;
  if (typeof text !== 'string') origin = text.origin;
  else {
    const counted = foldOrigins(text, folded.length);
    if (counted !== null) origin = counted;
    else return findPhrase(foldWithMap(text), foldedPhrase, limit);
  }
  let from = 0;
  while (ranges.length < limit) {
    const at = folded.indexOf(foldedPhrase, from);
    if (at < 0) break;
    const end = at + foldedPhrase.length;
    const before = at > 0 ? folded[at - 1] : undefined;
    const after = end < folded.length ? folded[end] : undefined;
    const startsWord = before === undefined || !WORD_CHAR.test(before) || !WORD_CHAR.test(foldedPhrase[0] ?? '');
    const endsWord =
      after === undefined || !WORD_CHAR.test(after) || !WORD_CHAR.test(foldedPhrase[foldedPhrase.length - 1] ?? '');
    if (startsWord && endsWord) {
      ranges.push({ start: origin[at] ?? 0, end: originEnd(origin, end) });
    }
    from = at + 1;
  }
  return ranges;
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
function originEnd(origin: ArrayLike<number>, end: number): number {
  const last = origin[end - 1] ?? 0;
  const next = origin[end] ?? 0;
  return next > last ? next : last + 1;
}
