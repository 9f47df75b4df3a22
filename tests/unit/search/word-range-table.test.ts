import { describe, expect, it } from 'vitest';
import { hashOf, WordRangeTable } from '../../../src-main/core/search/word-range-table';

describe('word range table (the document analysis memo, looked up without slicing)', () => {
  it('finds a word inside a longer text by its range, and only that word', () => {
    const table = new WordRangeTable();
    expect(table.add('gobierno', hashOf('gobierno'))).toBe(0);
    expect(table.add('abierto', hashOf('abierto'))).toBe(1);
    const text = 'el gobierno abierto, gobiernos';
    expect(table.find(text, 3, 11, hashOf(text, 3, 11))).toBe(0);
    expect(table.find(text, 12, 19, hashOf(text, 12, 19))).toBe(1);
    // `gobiernos` shares the prefix but not the length; `el` is not there.
    expect(table.find(text, 21, 30, hashOf(text, 21, 30))).toBe(-1);
    expect(table.find(text, 0, 2, hashOf(text, 0, 2))).toBe(-1);
  });

  it('keeps every number through growth and tells apart words given the same hash', () => {
    const table = new WordRangeTable();
    const words = Array.from({ length: 5000 }, (_, i) => `palabra${i.toString(36)}`);
    words.forEach((word, i) => expect(table.add(word, hashOf(word))).toBe(i));
    words.forEach((word, i) => expect(table.find(word, 0, word.length, hashOf(word))).toBe(i));
    // A forced collision: same hash, different words.
    const colliding = new WordRangeTable();
    colliding.add('año', 7);
    colliding.add('ano', 7);
    expect(colliding.find('ano', 0, 3, 7)).toBe(1);
    expect(colliding.find('año', 0, 3, 7)).toBe(0);
    expect(colliding.word(1)).toBe('ano');
  });

  it('starts numbering again once cleared', () => {
    const table = new WordRangeTable();
    table.add('uno', hashOf('uno'));
    table.clear();
    expect(table.size).toBe(0);
    expect(table.find('uno', 0, 3, hashOf('uno'))).toBe(-1);
    expect(table.add('dos', hashOf('dos'))).toBe(0);
  });
});
