import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countWords, countWordsByRegex } from '../../../src-main/core/import/identity';
import { CORPUS, LETTER_SEED, textFiles } from './corpus';

describe('word count (the scan gives the regex definition)', () => {
  it('counts every real document as the regex does', () => {
    const files = textFiles(CORPUS);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(countWords(text), file).toBe(countWordsByRegex(text));
    }
  });

  it('joins words across one apostrophe or hyphen only', () => {
    expect(countWords('co-creación de l’agenda')).toBe(3);
    expect(countWords("a--b a'-b -a- 'x' a-b-c")).toBe(7);
    // A combining mark is not a letter: decomposed é splits the word, as in the regex.
    expect(countWords('cafe\u0301 sin')).toBe(countWordsByRegex('cafe\u0301 sin'));
    expect(countWords('')).toBe(0);
    expect(countWords('— … ¡! 12,5 %')).toBe(2);
  });

  it('takes the regex for astral letters and gives the seed letter its count', () => {
    expect(countWords('𝒜𝒷 y 𝒞')).toBe(3);
    const letter = readFileSync(LETTER_SEED, 'utf8');
    expect(countWords(letter)).toBe(countWordsByRegex(letter));
    expect(countWords(letter)).toBeGreaterThan(300);
  });
});
