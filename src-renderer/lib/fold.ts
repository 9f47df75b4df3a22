/**
 * The same folding the search index applies (see the core's accent-folding pipeline step):
 * lowercase, strip accents, but keep ñ (año is not ano). Used to match the response's
 * analysed terms against the words of the displayed text.
 */
export function foldWord(word: string): string {
  return (
    word
      .toLowerCase()
      .normalize('NFD')
      // Every combining mark goes except the tilde that makes ñ a letter of its own.
      .replace(/(n)\u0303|\p{M}/gu, (_mark, n: string | undefined) => (n ? 'ñ' : ''))
  );
}

/**
 * Folds a text character by character and remembers where each folded character came
 * from, so a match found in the folded string can be mapped back onto the original
 * (folding can change lengths, e.g. `İ` → `i̇` → `i`).
 */
export function foldWithOffsets(text: string): { folded: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  let index = 0;
  for (const char of text) {
    const piece = foldWord(char);
    for (let k = 0; k < piece.length; k += 1) offsets.push(index);
    folded += piece;
    index += char.length;
  }
  offsets.push(index);
  return { folded, offsets };
}

/** Words as the tokenizer sees them: runs of letters and digits. */
export const WORD_PATTERN = /[\p{L}\p{N}]+/gu;
