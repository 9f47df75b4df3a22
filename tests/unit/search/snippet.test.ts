import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createSpanishAnalyzer, WORD_PATTERN } from '../../../src-main/core/search/analyzer';
import { foldForMatching, foldOrigins, foldPhrase, foldWithMap } from '../../../src-main/core/search/fold';
import { makeSnippet, SNIPPET_LENGTH, SNIPPET_SCAN } from '../../../src-main/core/search/snippet';
import { containsPhrase, findPhrase } from '../../../src-main/core/search/text-match';
import { SEEDS } from './real-corpus';

const analyzer = createSpanishAnalyzer();
const letterText = readFileSync(path.join(SEEDS, '000_ff8ecd809083cd7f.txt'), 'utf8');
const terms = (...words: string[]): Set<string> => new Set(words.map((word) => analyzer.analyzeWord(word) as string));
const plain = (html: string): string => html.replace(/<\/?mark>/g, '').replace(/&[a-z#0-9]+;/g, 'x');

describe('makeSnippet on the seed letter', () => {
  it('marks accent-folded and stemmed matches around the best passage', () => {
    const snippet = makeSnippet({ text: letterText, matchedTerms: terms('funcion', 'publica'), phrases: [] }, analyzer);
    expect(snippet.html).toContain('<mark>Función</mark> <mark>Pública</mark>');
    // Función, Pública ×3, públicos and (same stem) publicada.
    expect(snippet.matches).toBe(6);
  });

  it('is about 200 characters, cut on word boundaries, with … only where text was left out', () => {
    const snippet = makeSnippet({ text: letterText, matchedTerms: terms('confianza'), phrases: [] }, analyzer);
    expect(snippet.html.startsWith('…')).toBe(true);
    expect(snippet.html.endsWith('…')).toBe(true);
    const inner = plain(snippet.html).slice(1, -1);
    expect(inner.length).toBeLessThanOrEqual(SNIPPET_LENGTH);
    expect(inner.length).toBeGreaterThan(SNIPPET_LENGTH - 40);
    // Both ends are whole words of the letter.
    const words = inner.split(' ');
    expect(letterText).toMatch(new RegExp(`(^|\\s)${escapeRegExp(words[0] as string)}`));
    expect(letterText).toMatch(new RegExp(`${escapeRegExp(words.at(-1) as string)}(\\s|$)`));
  });

  it('highlights a phrase broken over a line, compared folded and case-insensitively', () => {
    const text = 'Primera línea.\nDistintas dependencias del EJECUTIVO\n   federal buscaron disminuir el alcance.';
    const snippet = makeSnippet(
      { text, matchedTerms: terms('ejecutivo', 'federal'), phrases: [foldPhrase('Ejecutivo Federal')] },
      analyzer,
    );
    expect(snippet.html).toBe(
      'Primera línea. Distintas dependencias del <mark>EJECUTIVO federal</mark> buscaron disminuir el alcance.',
    );
  });

  it('escapes HTML in the text and never marks inside a tag', () => {
    const text = 'Un <script>alert("espionaje")</script> & otro texto sobre espionaje.';
    const snippet = makeSnippet({ text, matchedTerms: terms('espionaje'), phrases: [] }, analyzer);
    expect(snippet.html).not.toContain('<script>');
    expect(snippet.html).toBe(
      'Un &lt;script&gt;alert(&quot;<mark>espionaje</mark>&quot;)&lt;/script&gt; &amp; otro texto sobre <mark>espionaje</mark>.',
    );
    expect(snippet.matches).toBe(2);
  });

  it('starts at the beginning without ellipsis when nothing matched in the text', () => {
    const snippet = makeSnippet({ text: letterText, matchedTerms: new Set(), phrases: [] }, analyzer);
    expect(snippet.html.startsWith('Ciudad de México, a 23 de mayo de 2017')).toBe(true);
    expect(snippet.matches).toBe(0);
  });
});

describe('phrase matching', () => {
  it('matches whole words only, across whitespace and accents', () => {
    expect(containsPhrase(foldForMatching('del Ejecutivo\n\nFederal que'), foldPhrase('ejecutivo federal'))).toBe(true);
    expect(containsPhrase(foldForMatching('los Ejecutivos Federales'), foldPhrase('Ejecutivo Federal'))).toBe(false);
    expect(containsPhrase(foldForMatching('Secretaría de la Función Pública'), foldPhrase('funcion publica'))).toBe(
      true,
    );
    expect(containsPhrase(foldForMatching('el año pasado'), foldPhrase('ano pasado'))).toBe(false);
    expect(containsPhrase(foldForMatching('el AN\u0303O pasado'), foldPhrase('año pasado'))).toBe(true);
  });

  it('returns ranges of the original text', () => {
    const text = 'la Secretaría de la Función Pública (SFP)';
    const [range] = findPhrase(text, foldPhrase('función pública'));
    expect(range && text.slice(range.start, range.end)).toBe('Función Pública');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the words a snippet marks', () => {
  /** The reference: every WORD_PATTERN match whose analysis is one of the terms. */
  const reference = (text: string, wanted: ReadonlySet<string>): string[] =>
    [...text.matchAll(WORD_PATTERN)]
      .map((match) => match[0])
      .filter((word) => wanted.has(analyzer.analyzeWord(word) ?? ''));

  it("are the words of the analyzer's tokenizer, astral letters and lone surrogates included", () => {
    const text = 'Gobierno𝒜gobierno \ud800gobierno gobierno\udc00 gobierno\u0301s año-Año 𝟚gobiernos ｇobierno';
    const wanted = terms('gobierno', 'año');
    const snippet = makeSnippet({ text, matchedTerms: wanted, phrases: [] }, analyzer);
    expect(snippet.matches).toBe(reference(text, wanted).length);
    expect(plain(snippet.html).length).toBeGreaterThan(0);
    expect(snippet.html).toContain('<mark>año</mark>-<mark>Año</mark>');
  });

  it('count the same as the tokenizer on the seed letter for each of its commonest words', () => {
    for (const word of ['gobierno', 'información', 'pública', 'función', 'México', 'datos', 'abierto']) {
      const wanted = terms(word);
      const snippet = makeSnippet({ text: letterText, matchedTerms: wanted, phrases: [] }, analyzer);
      expect(snippet.matches, word).toBe(reference(letterText, wanted).length);
    }
  });
});

describe('which words a snippet analyses', () => {
  it("leaves a word's first two ASCII letters, lower-cased, at the start of its term (Debian's Spanish word list)", () => {
    // What lets a snippet skip every word whose first two letters begin no matched term.
    const fixture = path.resolve(import.meta.dirname, '../../fixtures/snowball-spanish/vocabulary.tsv.gz');
    const words = gunzipSync(readFileSync(fixture))
      .toString('utf8')
      .split('\n')
      .map((line) => line.split('\t')[0] ?? '')
      .filter((word) => /^[a-z]{2}/i.test(word));
    expect(words.length).toBeGreaterThan(80_000);
    const broken: string[] = [];
    for (const word of words) {
      for (const form of [word, word.toUpperCase(), `${word.charAt(0).toUpperCase()}${word.slice(1)}`]) {
        const term = analyzer.analyzeWord(form);
        if (term !== null && !term.startsWith(form.slice(0, 2).toLowerCase())) broken.push(`${form} → ${term}`);
      }
    }
    expect(broken.slice(0, 10)).toEqual([]);
  });

  it('still marks every spelling of a term and no word that only shares its initial', () => {
    const text = 'GOBIERNO, Gobierno y gobernó; el gobiernito del Ñandú, ñandúes y la gente. Ñandu GENTE.';
    const wanted = terms('gobierno', 'ñandú', 'gente');
    const snippet = makeSnippet({ text, matchedTerms: wanted, phrases: [] }, analyzer);
    expect(snippet.html).toContain('<mark>GOBIERNO</mark>, <mark>Gobierno</mark> y gobernó');
    expect(snippet.html).toContain('<mark>Ñandú</mark>, <mark>ñandúes</mark> y la <mark>gente</mark>');
    expect(snippet.matches).toBe(
      [...text.matchAll(WORD_PATTERN)].filter((match) => wanted.has(analyzer.analyzeWord(match[0]) ?? '')).length,
    );
  });
});

describe('the part of a text a snippet looks at', () => {
  it('is the first SNIPPET_SCAN characters: a match past them is neither marked nor counted', () => {
    const filler = 'expediente '.repeat(Math.ceil(SNIPPET_SCAN / 11));
    const text = `Gobierno al inicio. ${filler}gobierno al final.`;
    const snippet = makeSnippet({ text, matchedTerms: terms('gobierno'), phrases: [] }, analyzer);
    expect(snippet.matches).toBe(1);
    expect(snippet.html.startsWith('<mark>Gobierno</mark> al inicio.')).toBe(true);
    // The text goes on past the passage (and past the scanned part): the ellipsis says so.
    expect(snippet.html.endsWith('…')).toBe(true);
  });

  it('shows a passage from the end of a text shorter than SNIPPET_SCAN', () => {
    const filler = 'expediente '.repeat(Math.floor((SNIPPET_SCAN - 200) / 11));
    const text = `${filler}gobierno al final.`;
    const snippet = makeSnippet({ text, matchedTerms: terms('gobierno'), phrases: [] }, analyzer);
    expect(snippet.matches).toBe(1);
    expect(snippet.html.endsWith('<mark>gobierno</mark> al final.')).toBe(true);
  });
});

describe('findPhrase without a per-char fold', () => {
  it('finds the ranges foldWithMap finds, in decomposed accents, ñ, line breaks and non-breaking spaces', () => {
    const texts = [
      letterText,
      'La Secretari\u0301a de la\n  Funcio\u0301n Pu\u0301blica y el An\u0303o del PLAN DE ACCIÓN: plan\u00a0de acción.',
      'İstanbul ﬁnal: «Plan de acción» — plan de acciones, plan de acción',
    ];
    const phrases = ['funcion publica', 'secretaria de la funcion', 'plan de accion', 'año del plan', 'final'];
    for (const text of texts) {
      for (const phrase of phrases) {
        const expected = findPhrase(foldWithMap(text), foldPhrase(phrase));
        expect(findPhrase(text, foldPhrase(phrase))).toEqual(expected);
      }
    }
    expect(findPhrase(texts[1] ?? '', 'plan de accion')).toHaveLength(2);
    expect(foldOrigins('Año  Dos', 'año dos')).toEqual(Int32Array.from([0, 1, 2, 3, 5, 6, 7, 8]));
    expect(foldOrigins('Año  Dos', 'año dos', 3)).toEqual(Int32Array.from([0, 1, 2, 3]));
    // A walk that disagrees with the folded text gives null (findPhrase then folds char by char).
    expect(foldOrigins('Año', 'año ')).toBeNull();
    expect(foldOrigins('Año', 'aña')).toBeNull();
  });
});
