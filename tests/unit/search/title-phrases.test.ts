import { describe, expect, it } from 'vitest';
import { foldForMatching, foldPhrase } from '../../../src-main/core/search/fold';
import { containsPhrase } from '../../../src-main/core/search/text-match';
import { TitlePhrases, type TitleAndDescription } from '../../../src-main/core/search/title-phrases';

const fields: TitleAndDescription[] = [
  { title: 'Gobierno Abierto en México', description: null },
  { title: 'Plan de acción', description: 'Segundo plan de\n acción del gobierno abierto' },
  { title: 'Gobiernos abiertos', description: 'gobierno abiertos' },
  { title: 'Sin relación', description: 'el gobierno' },
  { title: 'abierto', description: 'gobierno' },
];

describe('TitlePhrases', () => {
  it('marks the documents whose folded title or description holds the phrase on word boundaries', () => {
    const phrases = new TitlePhrases(fields.length, () => fields);
    expect([...(phrases.documentsWith(foldPhrase('gobierno abierto')) ?? [])]).toEqual([1, 1, 0, 0, 0]);
    expect([...(phrases.documentsWith(foldPhrase('PLAN DE ACCION')) ?? [])]).toEqual([0, 1, 0, 0, 0]);
    // Never across the end of a title and the start of its description, nor across documents.
    expect([...(phrases.documentsWith(foldPhrase('abierto gobierno')) ?? [])]).toEqual([0, 0, 0, 0, 0]);
  });

  it('gives what containsPhrase gives on each field', () => {
    const phrases = new TitlePhrases(fields.length, () => fields);
    for (const phrase of ['gobierno', 'abierto', 'gobierno abierto', 'de accion', 'plan', 'o', 'mexico']) {
      const expected = fields.map(({ title, description }) =>
        containsPhrase(foldForMatching(title), phrase) || containsPhrase(foldForMatching(description ?? ''), phrase)
          ? 1
          : 0,
      );
      expect([...(phrases.documentsWith(phrase) ?? [])], phrase).toEqual(expected);
    }
  });

  it('gives what containsPhrase gives beside chars beyond Latin-1, kept one byte a char', () => {
    const wide: TitleAndDescription[] = [
      { title: 'Informe sobre Pegasus…', description: 'Lo dijo Michał: pegasus\u007f y 𝔊obierno Ωmega' },
      { title: 'pegasusł en Polonia', description: '«Pegasus» — el caso…' },
      { title: 'Sin nada', description: null },
    ];
    const phrases = new TitlePhrases(wide.length, () => wide);
    for (const phrase of [
      'pegasus',
      'informe sobre pegasus',
      'michał',
      'mega',
      'el caso',
      'michal',
      'dijo',
      'obierno',
    ]) {
      const folded = foldPhrase(phrase);
      const expected = wide.map(({ title, description }) =>
        containsPhrase(foldForMatching(title), folded) || containsPhrase(foldForMatching(description ?? ''), folded)
          ? 1
          : 0,
      );
      const found = phrases.documentsWith(folded);
      if (found === null) expect(folded, phrase).toMatch(/[\u007f\u0100-\uffff]/u);
      else expect([...found], phrase).toEqual(expected);
    }
    // Not vacuous: the first holds it before `…`; the second only in its description (`pegasusł` is one word).
    expect([...(phrases.documentsWith('pegasus') ?? [])]).toEqual([1, 1, 0]);
    // A phrase with such a char, or with the stand-in, is left to the per-document check.
    expect(phrases.documentsWith(foldPhrase('el caso…'))).toBeNull();
    expect(phrases.documentsWith('pegasus\u007f')).toBeNull();
  });

  it('refuses a source whose number of documents differs from the index', () => {
    const phrases = new TitlePhrases(fields.length + 1, () => fields);
    expect(() => phrases.documentsWith('plan')).toThrow(/rebuild/);
  });
});

describe('foldForMatching', () => {
  it('collapses every whitespace run, single non-space whitespace included, to one space', () => {
    expect(foldForMatching('a\nb  c \t d\u00a0e f')).toBe('a b c d e f');
  });
});
