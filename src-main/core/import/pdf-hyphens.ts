/**
 * Words a PDF broke at a line end with a hyphen (`com-` / `pila`). A hyphen at a line end may be
 * the typesetter's (join the halves) or part of a compound (`socio-` / `económico`: keep it). The
 * document itself decides: the halves are joined when the joined word appears whole elsewhere in
 * the same document, or when the hyphen is a soft hyphen (U+00AD, the typesetter's by definition).
 * Otherwise the lines stay as they are.
 */

const SOFT_HYPHEN = '\u00ad';
const WORD = /\p{L}+/gu;
/** A line ending in a word broken by a hyphen (hard or soft). */
const BROKEN_END = /(\p{L}+)([-\u00ad])$/u;
/** The rest of the word at the next line's start. */
const WORD_START = /^(\p{Ll}\p{L}*)(.*)$/su;

/** Every word of the text, lower-cased. */
export function vocabularyOf(lines: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const line of lines) for (const word of line.match(WORD) ?? []) words.add(word.toLowerCase());
  return words;
}

/** The lines of one paragraph, with words broken by the typesetter joined onto the first line. */
export function joinHyphenatedLines(lines: readonly string[], vocabulary: ReadonlySet<string>): string[] {
  const result: string[] = [];
  for (const line of lines) {
    const previous = result.at(-1);
    const broken = previous === undefined ? null : BROKEN_END.exec(previous);
    const rest = WORD_START.exec(line);
    if (previous !== undefined && broken?.[1] && rest?.[1] !== undefined) {
      const joined = broken[1] + rest[1];
      if (broken[2] === SOFT_HYPHEN || vocabulary.has(joined.toLowerCase())) {
        const remainder = (rest[2] ?? '').trimStart();
        result[result.length - 1] = previous.slice(0, -1) + rest[1];
        if (remainder) result.push(remainder);
        continue;
      }
    }
    result.push(line);
  }
  return result;
}
