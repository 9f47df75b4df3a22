import { readFileSync } from 'node:fs';
import path from 'node:path';
import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { createSpanishAnalyzer } from '../../../src-main/core/search/analyzer';
import { termsAcceptedBy } from '../../../src-main/core/search/sorted-terms-automaton';
import { SEEDS } from './real-corpus';

const sortedUnique = (words: Iterable<string>): string[] => [...new Set(words)].sort();

/** What Lunr's search expands a clause to: the index's token set intersected with the clause's. */
function lunrExpansion(terms: string[], clause: lunr.TokenSet): string[] {
  return lunr.TokenSet.fromArray(terms).intersect(clause).toArray().sort();
}

const fuzzy = (term: string, editDistance: number): lunr.TokenSet => lunr.TokenSet.fromFuzzyString(term, editDistance);
const pattern = (term: string): lunr.TokenSet => lunr.TokenSet.fromString(term);

describe('termsAcceptedBy', () => {
  it('walks a clause over a small sorted list as Lunr intersects it', () => {
    const terms = ['ab', 'abc', 'abd', 'acb', 'b', 'ba', 'bc'];
    const accepted = (clause: lunr.TokenSet): string[] => termsAcceptedBy(clause, terms).map((id) => terms[id] ?? '');
    expect(accepted(pattern('ab*'))).toEqual(['ab', 'abc', 'abd']);
    expect(accepted(pattern('*c'))).toEqual(['abc', 'bc']);
    expect(accepted(pattern('a*b'))).toEqual(['ab', 'acb']);
    expect(accepted(fuzzy('abc', 1))).toEqual(lunrExpansion(terms, fuzzy('abc', 1)));
    expect(accepted(fuzzy('abc', 1))).toEqual(['ab', 'abc', 'abd', 'acb', 'bc']);
    // The empty term is never accepted, as in Lunr (its roots' `final` is not read).
    expect(termsAcceptedBy(pattern('*'), ['', 'a'])).toEqual([1]);
  });

  it("gives Lunr's expansion over the seed documents' index terms for fuzzy and wildcard clauses", () => {
    const analyzer = createSpanishAnalyzer();
    const texts = ['000_ff8ecd809083cd7f.txt', '001_3d21b2bec742277f.txt'].map((file) =>
      readFileSync(path.join(SEEDS, file), 'utf8'),
    );
    const terms = sortedUnique(texts.flatMap((text) => analyzer.analyzeText(text)));
    expect(terms.length).toBeGreaterThan(300);
    const clauses: [string, lunr.TokenSet][] = [
      ['transparent~1', fuzzy('transparent', 1)],
      ['organizar~2', fuzzy('organizar', 2)],
      ['gobiern~1', fuzzy('gobiern', 1)],
      ['abiert~2', fuzzy('abiert', 2)],
      ['de~1', fuzzy('de', 1)],
      ['part~2', fuzzy('part', 2)],
      ['gob*', pattern('gob*')],
      ['*cion', pattern('*cion')],
      ['p*a', pattern('p*a')],
      ['*', pattern('*')],
    ];
    for (const [name, clause] of clauses) {
      const ours = termsAcceptedBy(clause, terms).map((id) => terms[id] ?? '');
      expect(ours, name).toEqual(lunrExpansion(terms, clause));
    }
    // Not vacuous: the fuzzy and prefix clauses do find several terms.
    expect(termsAcceptedBy(fuzzy('part', 2), terms).length).toBeGreaterThan(1);
    expect(termsAcceptedBy(pattern('gob*'), terms).length).toBeGreaterThan(1);
  });
});
