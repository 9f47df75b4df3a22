/**
 * Accent folding for Spanish search: `México` -> `mexico`, `pública` -> `publica`,
 * `pingüino` -> `pinguino`, but `ñ` is a letter of its own and is KEPT (`año` is not `ano`).
 * Also lower-cases, so the result is the form compared everywhere (index terms, stop words,
 * phrases, snippet words).
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const cache = new Map<string, string>();

/** Folds one character (or one code unit); memoised because text is folded char by char. */
export function foldChar(char: string): string {
  let folded = cache.get(char);
  if (folded === undefined) {
    folded = foldString(char);
    if (cache.size < 4096) cache.set(char, folded);
  }
  return folded;
}

export function foldString(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFD')
      // NFD splits ñ into n + U+0303; glue it back before dropping the other marks.
      .replace(/n\u0303/g, 'ñ')
      .replace(COMBINING_MARKS, '')
  );
}

const shortCache = new Map<string, string>();

/**
 * foldString for short repeated values (facet values: a few hundred distinct ones over tens of
 * thousands of documents), memoised: NFD + regex per value was a third of opening 10,000 documents.
 */
export function foldValue(value: string): string {
  if (value.length > 200) return foldString(value);
  let folded = shortCache.get(value);
  if (folded === undefined) {
    folded = foldString(value);
    if (shortCache.size >= 50_000) shortCache.clear();
    shortCache.set(value, folded);
  }
  return folded;
}

/**
 * Folded text plus, for every folded code unit, the index of the original code unit it came
 * from: lets a phrase found in folded text be highlighted in the original. Whitespace runs
 * collapse to one space (so line breaks inside a phrase still match).
 */
export interface FoldedText {
  folded: string;
  /** `origin[i]` = index in the original string of folded char i; `origin[folded.length]` = original length. */
  origin: ArrayLike<number>;
}

export function foldWithMap(text: string): FoldedText {
  // Built from parts and joined once: char-by-char concatenation made the snippets of one
  // results page spend most of their time in the garbage collector.
  const parts: string[] = [];
  const origin: number[] = [];
  let lastWasSpace = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const char = text[i] ?? '';
    if (code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(char))) {
      if (!lastWasSpace) {
        parts.push(' ');
        origin.push(i);
      }
      lastWasSpace = true;
      continue;
    }
    lastWasSpace = false;
    // Decomposed ñ (n + U+0303) stays ñ, as in foldString; other lone marks fold to nothing.
    if ((code === 110 || code === 78) && text.charCodeAt(i + 1) === 0x303) {
      parts.push('ñ');
      origin.push(i);
      i += 1;
      continue;
    }
    // ASCII fast path: only upper-case letters change.
    const out = code < 128 ? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char) : foldChar(char);
    for (let k = 0; k < out.length; k += 1) origin.push(i);
    parts.push(out);
  }
  origin.push(text.length);
  return { folded: parts.join(''), origin };
}

/**
 * foldWithMap's position map alone, for a text whose folded form is already known (from
 * foldForMatching): the same walk over the text, counting the folded units each char gives
 * instead of building them (snippets of phrase queries folded every hit's text char by char).
 * The walk stops once `origin[upTo]` is known (a snippet needs the map up to the phrases it
 * shows). Null when the walk disagrees with `folded` (a char that folds differently alone than
 * within the whole text; checked on every ASCII char and on the total length): the caller then
 * uses foldWithMap.
 */
export function foldOrigins(text: string, folded: string, upTo = folded.length): Int32Array | null {
  const foldedLength = folded.length;
  const last = Math.min(upTo, foldedLength);
  const origin = new Int32Array(last + 1);
  let at = 0;
  let lastWasSpace = false;
  for (let i = 0; i < text.length && at <= last; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (code === 32 || (code >= 9 && code <= 13)) {
        if (!lastWasSpace) {
          if (folded.charCodeAt(at) !== 32) return null;
          origin[at] = i;
          at += 1;
        }
        lastWasSpace = true;
        continue;
      }
      lastWasSpace = false;
      if (folded.charCodeAt(at) !== (code >= 65 && code <= 90 ? code + 32 : code)) return null;
      origin[at] = i;
      at += 1;
      continue;
    }
    // Beyond ASCII: whitespace, or a char folding to `units` code units (see foldedUnits).
    const units = foldedUnits(code, text, i);
    if (units === WHITESPACE) {
      if (!lastWasSpace) {
        if (folded.charCodeAt(at) !== 32) return null;
        if (at <= last) origin[at] = i;
        at += 1;
      }
      lastWasSpace = true;
      continue;
    }
    lastWasSpace = false;
    let width = 1;
    let count = units;
    if ((code === 110 || code === 78) && text.charCodeAt(i + 1) === 0x303) {
      width = 2;
      count = 1;
    }
    for (let k = 0; k < count; k += 1, at += 1) if (at <= last) origin[at] = i;
    i += width - 1;
  }
  if (at <= last) {
    // The walk reached the end of the text: it must have given exactly the folded length.
    if (at !== foldedLength) return null;
    origin[at] = text.length;
  }
  return origin;
}

/** foldedUnits' answer for a whitespace char. */
const WHITESPACE = -1;
/** Per BMP code unit beyond ASCII: 0 not yet known, WHITESPACE + 2 (= 1) for whitespace, else folded length + 2. */
const FOLDED_UNITS = new Uint8Array(0x10000);

/**
 * Code units that `foldChar` gives for the code unit at `i` (`code`), or WHITESPACE, from a table
 * filled as chars are met: a regex test and a Map lookup per char were most of the walk above.
 */
function foldedUnits(code: number, text: string, i: number): number {
  const known = FOLDED_UNITS[code] ?? 0;
  if (known !== 0) return known - 2;
  const char = text.charAt(i);
  const units = /\s/.test(char) ? WHITESPACE : foldChar(char).length;
  // A char folding to more units than a byte holds is not cached (none is known to).
  if (units + 2 < 256) FOLDED_UNITS[code] = units + 2;
  return units;
}

/**
 * Folded, whitespace-collapsed form of a whole text, without the position map: what phrase
 * checks compare against. Whole-string native operations, many times faster than foldWithMap
 * (which only the snippets of the current page need). Gives the same string as foldWithMap.
 */
export function foldForMatching(text: string): string {
  // Decomposed input (e + U+0301, n + U+0303) is rare; composing it first lets the per-char
  // fold below see ñ as one char. The per-char fold touches only non-ASCII chars, which is
  // several times faster than normalising whole texts (phrase checks fold thousands).
  const composed = COMBINING_MARK.test(text) ? text.normalize('NFC') : text;
  return composed
    .toLowerCase()
    .replace(NON_ASCII, (char) => foldChar(char))
    .replace(WHITESPACE_TO_COLLAPSE, ' ');
}

/**
 * The whitespace runs that are not already one plain space: a run of two or more, or a single
 * other whitespace char. Replacing these with a space gives what replacing every `\s+` does
 * (a run's first char is where either alternative first matches, and `\s{2,}` takes it whole),
 * without rebuilding the text at each of its ~1,300 single spaces per 8,000 chars (a third
 * of folding a snippet's text).
 */
const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

const COMBINING_MARK = /[\u0300-\u036f]/;
// UTF-16 units, not code points (no `u` flag): foldChar maps each unit on its own.
// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL.
const NON_ASCII = /[^\x00-\x7f]/g;

/** Folded, whitespace-collapsed, trimmed form of a phrase as typed. */
export function foldPhrase(phrase: string): string {
  return foldString(phrase).replace(/\s+/g, ' ').trim();
}
