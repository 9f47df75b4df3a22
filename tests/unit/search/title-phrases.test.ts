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
