import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSpanishAnalyzer, tokenizeForIndex } from '../../../src-main/core/search/analyzer';
import { createDocumentAnalyser, type FieldTerms } from '../../../src-main/core/search/document-analysis';
import { INDEX_FIELD_NAMES } from '../../../src-main/core/search/fields';
import type { IndexableDocument } from '../../../src-main/core/search/index-builder';
import { wordPositionsOf } from '../../../src-main/core/search/phrase-positions';
import { foldForMatching } from '../../../src-main/core/search/fold';
import { isFusable } from '../../../src-main/core/search/fused-body-scan';
import { SEEDS } from './real-corpus';

/** The definition the analysis must reproduce: Lunr's index tokenizer, then the Spanish pipeline per token. */
function referenceTerms(text: string): { terms: string[]; counts: number[]; length: number } {
  const analyzer = createSpanishAnalyzer();
  const counts = new Map<string, number>();
  let length = 0;
  for (const token of tokenizeForIndex(text)) {
    const term = analyzer.analyzeWord(token.toString());
    if (term === null) continue;
    length += 1;
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return { terms: [...counts.keys()], counts: [...counts.values()], length };
}

const plain = (field: FieldTerms) => ({ terms: field.terms, counts: [...field.counts], length: field.length });

const documentWith = (text: string): IndexableDocument => ({
  id: 'a',
  title: 'Título de Prueba',
  description: 'Una descripción',
  tags: ['Transparencia', 'Alianza'],
  authors: ['Gobierno Fácil'],
  signatories: [],
  category: 'Privacidad',
  text,
});

const BODY = INDEX_FIELD_NAMES.indexOf('body');

describe('document analysis (computed in the import threads)', () => {
  const letter = readFileSync(path.join(SEEDS, '000_ff8ecd809083cd7f.txt'), 'utf8').normalize('NFC');

  it('gives the seed letter the body terms, counts and first-occurrence order of the index tokenizer', () => {
    const analysis = createDocumentAnalyser()(documentWith(letter));
    const body = analysis.fields[BODY] as FieldTerms;
    expect(plain(body)).toEqual(referenceTerms(letter));
    // Specific facts of the letter: `espionaje` is stemmed and counted, `de` is a stop word.
    const espionaje = body.terms.indexOf(createSpanishAnalyzer().analyzeWord('espionaje') as string);
    expect(espionaje).toBeGreaterThanOrEqual(0);
    expect(body.counts[espionaje]).toBe((letter.match(/espionaje/gi) ?? []).length);
    expect(body.terms).not.toContain('de');
  });

  it('analyses every other field as the index tokenizer does', () => {
    const document = documentWith(letter);
    const analysis = createDocumentAnalyser()(document);
    expect(plain(analysis.fields[INDEX_FIELD_NAMES.indexOf('title')] as FieldTerms)).toEqual(
      referenceTerms('Título de Prueba'),
    );
    expect(plain(analysis.fields[INDEX_FIELD_NAMES.indexOf('tags')] as FieldTerms)).toEqual(
      referenceTerms('Transparencia\nAlianza'),
    );
    expect(plain(analysis.fields[INDEX_FIELD_NAMES.indexOf('author')] as FieldTerms)).toEqual(
      referenceTerms('Gobierno Fácil'),
    );
  });

  it('keeps the word positions of the folded text for phrases, not the folded text', () => {
    const analysis = createDocumentAnalyser()(documentWith(letter));
    expect(analysis).not.toHaveProperty('folded');
    expect(analysis.words).toEqual(wordPositionsOf(foldForMatching(letter)));
    const at = analysis.words.words.indexOf('mexico');
    expect(at).toBeGreaterThanOrEqual(0);
  });

  // Texts where folded words and raw tokens differ (combining marks, astral letters) take the
  // general path; texts without them the fast one. Both must give the reference terms.
  it.each([
    ['combining marks that do not compose', 'Me\u0301xico y Mexico; pin\u0303a y piña; a\u0301\u0301rbol'],
    ['a lone combining mark between words', 'antes \u0301 despues del acento suelto'],
    ['astral letters inside and between words', 'la 𝐀lianza y 𝐁𝐂 gobierno𝐃abierto 😀 transparencia'],
    ['upper-case dotted I and sharp s', 'İstanbul ESTRAßE Straße ÍNDICE índice'],
    ['a word longer than the analyzer keeps', `${'a'.repeat(70)}ción ${'b'.repeat(64)} normal`],
    ['stop words, digits and ñ', 'El año 2017 de las organizaciones; ano 2017 y los años'],
    ['nothing but stop words and punctuation', 'de la que el — ¿y? ¡a!'],
    [
      'punctuation and runs of whitespace between words',
      'Gobierno\u00a0 abierto,\tplan  de\n\nacción. ¿Sociedad—civil?',
    ],
    ['a capital sigma (lower case by context)', 'ΟΔΟΣ Σ gobierno abierto'],
    ['a text that is not NFC', 'Ω y Å: gobierno abierto'],
  ])('matches the reference on %s', (_label, text) => {
    const analysis = createDocumentAnalyser()(documentWith(text));
    expect(plain(analysis.fields[BODY] as FieldTerms)).toEqual(referenceTerms(text));
    // The body's phrase positions: from the same scan as its terms where the text allows, else
    // from a scan of the folded text; either way the folded text's words and positions.
    expect(analysis.words).toEqual(wordPositionsOf(foldForMatching(text)));
  });

  it('gives every document of one analyser the folded words and positions of its own text', () => {
    const analyse = createDocumentAnalyser();
    const texts = [letter, 'gobierno abierto, gobierno  abierto', 'İstanbul y ΟΔΟΣ', letter.toUpperCase()];
    for (const text of texts) expect(analyse(documentWith(text)).words).toEqual(wordPositionsOf(foldForMatching(text)));
  });

  // The memo starts again past 400,000 entries, which not even 100,000 generated posts reach: with a
  // limit of 40 it starts again before almost every long document, and every analysis, keys
  // included, must be what an analyser that never clears gives. The short texts (three new words
  // and one met before) make the phrase words alone start again at times, under a word the memo
  // still holds.
  it('gives the same analyses when its memo starts again between documents', () => {
    const short = Array.from({ length: 24 }, (_, i) => `texto alfa${i} beta${i} gama${i}`);
    const texts = [letter, 'gobierno abierto, gobierno  abierto', 'İstanbul y ΟΔΟΣ', ...short, letter.toUpperCase()];
    const kept = createDocumentAnalyser();
    const cleared = createDocumentAnalyser(undefined, 40);
    for (const text of texts) {
      const expected = kept(documentWith(text));
      const actual = cleared(documentWith(text));
      expect(actual.fields).toEqual(expected.fields);
      expect(actual.words).toEqual(expected.words);
      expect(actual.forms).toEqual(expected.forms);
      expect(actual.formTerms).toEqual(expected.formTerms);
      expect(actual.keys).toBeDefined();
      expect(actual.keys?.fields).toEqual(expected.keys?.fields);
      expect(actual.keys?.words).toEqual(expected.keys?.words);
      expect(actual.keys?.forms).toEqual(expected.keys?.forms);
      expect(actual.keys?.formTerms).toEqual(expected.keys?.formTerms);
    }
  });

  // Every char up to U+2FFF (alphabets, punctuation, symbols, spaces) and every 16th after (CJK and
  // the like: each is a new word to stem, which makes the whole plane a 13-second test).
  it('gives the folded words and positions for the BMP chars the single scan takes, inside and between words', () => {
    const analyse = createDocumentAnalyser();
    const fusable: string[] = [];
    for (let code = 0; code < 0x10000; code += code < 0x3000 ? 1 : 16) {
      const char = String.fromCharCode(code);
      if (isFusable(char) && char.normalize('NFC') === char) fusable.push(char);
    }
    expect(fusable.length).toBeGreaterThan(10_000);
    // 64 chars a document, each inside a word, alone between spaces, doubled and before a tab.
    for (let from = 0; from < fusable.length; from += 64) {
      const text = fusable
        .slice(from, from + 64)
        .map((char) => `ab${char}cd ${char} de${char}${char} la  ${char}\tx`)
        .join(' ');
      expect(analyse(documentWith(text)).words, `chars from ${from}`).toEqual(wordPositionsOf(foldForMatching(text)));
    }
  });

  it('scans an NFC body once when every char folds on its own, and twice otherwise', () => {
    expect(isFusable('Gobierno abierto: ¿acción—PÚBLICA?\u00a0año 2017')).toBe(true);
    // İ folds to i (its lower case's dot is a mark, folded away): one char for one.
    expect(isFusable('İstanbul')).toBe(true);
    // A lone combining mark folds to nothing, Σ by its neighbours, 𝐀 is astral.
    for (const text of ['e\u0301', 'Σ', '𝐀']) expect(isFusable(`abc ${text}`)).toBe(false);
  });
});
