import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { foldWithOffsets, foldWord, WORD_PATTERN } from '../../../src-renderer/lib/fold';
import { createWordMatcher } from '../../../src-renderer/lib/highlight';
import { formatIsoDate } from '../../../src-renderer/lib/format';

const seedLetter = readFileSync(
  path.resolve(__dirname, '../../../../shared/corpus/seeds/000_ff8ecd809083cd7f.txt'),
  'utf8',
);
const letterWords = seedLetter.match(WORD_PATTERN) ?? [];

describe('folding for highlights', () => {
  it('lowercases and strips accents but keeps ñ', () => {
    expect(foldWord('Función Pública')).toBe('funcion publica');
    expect(foldWord('MÉXICO')).toBe('mexico');
    expect(foldWord('Año')).toBe('año');
    expect(foldWord('PEÑA')).toBe('peña');
  });

  it('maps folded offsets back onto the original text', () => {
    const { folded, offsets } = foldWithOffsets('la Secretaría de la Función Pública');
    const at = folded.indexOf('funcion');
    expect('la Secretaría de la Función Pública'.slice(offsets[at], offsets[at + 'funcion'.length])).toBe('Función');
  });
});

describe('matching the response terms against the seed letter', () => {
  it('finds the stem of espionaje in the letter, whatever its accents and case', () => {
    const matches = createWordMatcher(['espionaj'], []);
    expect(matches).not.toBeNull();
    const found = letterWords.filter((word) => matches!(word));
    expect(found.map((word) => word.toLowerCase())).toContain('espionaje');
  });

  it('matches folded stems of "función pública" on the accented words of the letter', () => {
    const matches = createWordMatcher(['funcion', 'public'], [])!;
    const found = new Set(letterWords.filter((word) => matches(word)));
    expect(found.has('Función')).toBe(true);
    expect(found.has('Pública')).toBe(true);
  });

  it('matches phrase words as whole words only', () => {
    const matches = createWordMatcher([], ['"Ejecutivo Federal"'])!;
    expect(matches('Ejecutivo')).toBe(true);
    expect(matches('Federal')).toBe(true);
    expect(matches('Federales')).toBe(false);
  });

  it('ignores terms too short or made only of syntax', () => {
    expect(createWordMatcher(['a', '*', '~1'], [])).toBeNull();
  });
});

describe('dates in the UI language', () => {
  it('formats the letter date in Spanish and English without drifting a day', () => {
    expect(formatIsoDate('2017-05-23', 'es')).toBe('23 de mayo de 2017');
    expect(formatIsoDate('2017-05-23', 'en')).toBe('May 23, 2017');
    expect(formatIsoDate('2017-05', 'es')).toBe('mayo de 2017');
  });
});
