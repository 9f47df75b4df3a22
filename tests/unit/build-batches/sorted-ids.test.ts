import { describe, expect, it } from 'vitest';
import { SortedIds } from '../../../src-main/core/build/sorted-ids';

/** The ids of `names` sorted outright, in code-unit order. */
function sortedOutright(names: readonly string[]): number[] {
  return names.map((_, id) => id).sort((a, b) => ((names[a] ?? '') < (names[b] ?? '') ? -1 : 1));
}

describe('ids kept in name order', () => {
  it('gives the order of one sort however the names came in', () => {
    // Accents, capitals, digits and a prefix of another word: code-unit order, not a collation.
    const words = ['río', 'rio', 'Zeta', 'árbol', 'arbol', 'ar', '10', '9', 'camión', 'camion', 'ñu', 'nu', 'z'];
    for (const step of [1, 2, 3, 5, words.length]) {
      const names: string[] = [];
      const sorted = new SortedIds(names);
      for (let from = 0; from < words.length; from += step) {
        names.push(...words.slice(from, from + step));
        expect(Array.from(sorted.order())).toEqual(sortedOutright(names));
      }
    }
  });

  it('is empty with no names and unchanged when none came since', () => {
    const names: string[] = [];
    const sorted = new SortedIds(names);
    expect(Array.from(sorted.order())).toEqual([]);
    names.push('b', 'a');
    const first = sorted.order();
    expect(sorted.order()).toBe(first);
    expect(Array.from(first)).toEqual([1, 0]);
  });
});
