import { describe, expect, it } from 'vitest';
import { encodePhraseWords, PhraseWordList } from '../../../src-main/core/store/phrase-word-list';

describe('phrase word list (phrase_positions row numbers)', () => {
  it('finds each word at its place in the sorted list, and nothing else', () => {
    const words = ['alianza', 'de', 'gobierno', 'ñandú', 'órgano'];
    const list = new PhraseWordList(encodePhraseWords(words));
    expect(words.map((word) => list.idOf(word))).toEqual([0, 1, 2, 3, 4]);
    expect(list.idOf('gobiern')).toBeNull();
    expect(list.idOf('')).toBeNull();
    expect(new PhraseWordList(encodePhraseWords([])).idOf('de')).toBeNull();
  });

  it('packs a long list and reads it back', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `palabra${String(i).padStart(5, '0')}`);
    const stored = encodePhraseWords(words);
    expect(stored.length).toBeLessThan(words.join('\n').length / 2);
    expect(new PhraseWordList(stored).idOf('palabra02999')).toBe(2999);
  });

  it('refuses unsorted, repeated or unstorable words, naming the word', () => {
    expect(() => encodePhraseWords(['de', 'alianza'])).toThrow('phrase words are not sorted at "alianza"');
    expect(() => encodePhraseWords(['de', 'de'])).toThrow('not sorted at "de"');
    expect(() => encodePhraseWords(['a\nb'])).toThrow('phrase word "a\\nb" cannot be stored');
  });
});
