import { foldForMatching } from './fold';
import { wordCharTable } from './phrase-positions';
import { HASH_START, hashStep } from './word-range-table';

/**
 * One scan of a document's body for both of its word lists: the words the index tokenizer sees
 * (runs of word chars of the NFC text) and the words of its folded text with their phrase
 * positions (`foldForMatching`, then `forEachWordPosition`'s rule).
 *
 * Why: the analysis scanned the body twice, once as written for the index terms and once folded
 * (after folding the whole text) for the phrase positions, and looked every word up in a table
 * each time: 7 million words twice at 10,000 documents. Where folding maps each char on its own
 * to one char of the same kind (a word char to a word char, whitespace to whitespace, anything
 * else to neither), the folded text's words are the written words folded char by char, in the
 * same places, and two words are adjacent there exactly when only whitespace separates them
 * here. So a written word's folded form is computed once per distinct written word, and both
 * lists come from one scan.
 *
 * Which texts qualify is decided char by char (`isFusable`) from what `foldForMatching` makes of
 * the char alone; a char it folds to nothing or to two chars (a lone combining mark, `İ`), that
 * changes kind, that it lower-cases by context (capital sigma), or a surrogate, sends the whole
 * text to the two scans. The caller also requires the text to be NFC already (the index
 * tokenizer normalises, the fold does not).
 */

/** Per BMP code unit: 0 not yet known, else one of the classes below. */
const CLASS = new Uint8Array(0x10000);
const UNSUPPORTED = 1;
const WHITESPACE = 2;
const OTHER = 3;
const WORD = 4;
/** The folded code unit of each WORD code unit. */
const FOLDED = new Uint16Array(0x10000);
const CAPITAL_SIGMA = 0x3a3;
const SPACE = /\s/;

function classOf(code: number): number {
  const known = CLASS[code] ?? 0;
  if (known !== 0) return known;
  let value = UNSUPPORTED;
  if (code !== CAPITAL_SIGMA && (code < 0xd800 || code > 0xdfff)) {
    const char = String.fromCharCode(code);
    const folded = foldForMatching(char);
    const wordChar = wordCharTable();
    const foldedCode = folded.charCodeAt(0);
    if (SPACE.test(char)) value = folded === ' ' ? WHITESPACE : UNSUPPORTED;
    else if (folded.length !== 1 || SPACE.test(folded)) value = UNSUPPORTED;
    else if (wordChar[code] === 1 && wordChar[foldedCode] === 1) {
      value = WORD;
      FOLDED[code] = foldedCode;
    } else if (wordChar[code] === 0 && wordChar[foldedCode] === 0) value = OTHER;
  }
  CLASS[code] = value;
  return value;
}

/** Whether every char of `text` folds on its own as described above. */
export function isFusable(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (classOf(text.charCodeAt(i)) === UNSUPPORTED) return false;
  return true;
}

/** The folded form of `text[start, end)` (word chars of a fusable text) and its `hashOf`. */
export function foldedWord(text: string, start: number, end: number): { word: string; hash: number } {
  const units = new Array<number>(end - start);
  let hash = HASH_START;
  for (let i = start; i < end; i += 1) {
    const unit = FOLDED[text.charCodeAt(i)] ?? 0;
    units[i - start] = unit;
    hash = hashStep(hash, unit);
  }
  return { word: String.fromCharCode(...units), hash };
}

/**
 * The words of a fusable text: each as a range of `text` with its `hashOf` (as written), and its
 * position in the folded text (as `forEachWordPosition` numbers them there).
 */
export function forEachFusedWord(
  text: string,
  visit: (start: number, end: number, hash: number, position: number) => void,
): void {
  const length = text.length;
  let position = -1;
  // Whether something other than whitespace lies between the last word and this point.
  let gapHasOther = false;
  let i = 0;
  while (i < length) {
    let code = text.charCodeAt(i);
    if ((CLASS[code] ?? 0) !== WORD) {
      if ((CLASS[code] ?? 0) !== WHITESPACE) gapHasOther = true;
      i += 1;
      continue;
    }
    const start = i;
    let hash = HASH_START;
    do {
      hash = hashStep(hash, code);
      i += 1;
      code = i < length ? text.charCodeAt(i) : 0;
    } while (i < length && (CLASS[code] ?? 0) === WORD);
    // Adjacent in the folded text: the whitespace between them collapsed to one space.
    position += position < 0 || !gapHasOther ? 1 : 2;
    gapHasOther = false;
    visit(start, i, hash, position);
  }
}
