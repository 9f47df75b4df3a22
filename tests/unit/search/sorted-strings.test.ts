import { describe, expect, it } from 'vitest';
import { indexInSorted } from '../../../src-main/core/search/sorted-strings';

/** The binary search the term list, the phrase word list and the document refs share. */
describe('indexInSorted', () => {
  // Sorted by `<` (UTF-16 code units), as the build writes them: accented words after z.
  const words = ['celular', 'espionaje', 'gobierno', 'pegasus', 'vigilancia', 'zona', 'árbol'];

  it('finds every word at its own place', () => {
    expect(words.map((word) => indexInSorted(words, word))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('answers -1 for a word that is not there, before, between and after the others', () => {
    expect(indexInSorted(words, 'abuso')).toBe(-1);
    expect(indexInSorted(words, 'gobiern')).toBe(-1);
    expect(indexInSorted(words, 'ñandú')).toBe(-1);
    expect(indexInSorted([], 'pegasus')).toBe(-1);
  });
});
