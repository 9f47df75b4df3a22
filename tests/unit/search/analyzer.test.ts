import { describe, expect, it } from 'vitest';
import { createSpanishAnalyzer } from '../../../src-main/core/search/analyzer';
import { foldForMatching, foldString, foldWithMap } from '../../../src-main/core/search/fold';

const analyzer = createSpanishAnalyzer();

describe('accent folding', () => {
  it('folds vowels with accents and diaeresis but keeps ñ', () => {
    expect(foldString('México Pública PINGÜINO àèìòù')).toBe('mexico publica pinguino aeiou');
    expect(foldString('AÑO año')).toBe('año año');
    // Decomposed input (n + combining tilde) still keeps the ñ.
    expect(foldString('an\u0303o')).toBe('año');
  });

  it('maps folded positions back to the original text across decomposed marks and whitespace', () => {
    const text = 'Me\u0301xico\n\n  lindo';
    const { folded, origin } = foldWithMap(text);
    expect(folded).toBe('mexico lindo');
    expect(text.slice(origin[7] as number, origin[12] as number)).toBe('lindo');
  });
});

describe('Spanish analyzer', () => {
  it('gives the same term with or without accents', () => {
    expect(analyzer.analyzeWord('función')).toBe(analyzer.analyzeWord('funcion'));
    expect(analyzer.analyzeWord('México')).toBe(analyzer.analyzeWord('mexico'));
    expect(analyzer.analyzeWord('pública')).toBe(analyzer.analyzeWord('publica'));
  });

  it('keeps año and ano apart', () => {
    expect(analyzer.analyzeWord('año')).toBe('año');
    expect(analyzer.analyzeWord('ano')).not.toBe(analyzer.analyzeWord('año'));
  });

  it('stems singular, plural and unaccented -ción forms together', () => {
    const stem = analyzer.analyzeWord('organización');
    expect(stem).toBe('organiz');
    expect(analyzer.analyzeWord('organizaciones')).toBe(stem);
    expect(analyzer.analyzeWord('organizacion')).toBe(stem);
    expect(analyzer.analyzeWord('funciones')).toBe(analyzer.analyzeWord('función'));
  });

  it('drops Spanish stop words whether or not the accent was typed', () => {
    for (const word of ['de', 'la', 'más', 'mas', 'qué', 'que', 'él']) expect(analyzer.analyzeWord(word)).toBeNull();
    expect(analyzer.analyzeWord('espionaje')).toBe('espionaj');
  });

  it('splits on punctuation like the index tokenizer does', () => {
    expect(analyzer.analyzeText('Estimados/as (SFP)')).toEqual(['estim', 'as', 'sfp']);
  });
});

describe('foldForMatching', () => {
  it('gives the same string as the position-mapped fold, for composed and decomposed text', () => {
    const samples = [
      'Ciudad de México, a 23 de mayo de 2017\n\n## **Organizaciones**',
      'Me\u0301xico  y el an\u0303o   PINGÜINO\tÑandú',
      'İstanbul ǅ ß ﬁ — “comillas”',
    ];
    for (const sample of samples) expect(foldForMatching(sample)).toBe(foldWithMap(sample).folded);
  });
});

describe('memoised indexing', () => {
  it('gives exactly the terms of the registered pipeline for every token of the seed letter', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const lunr = (await import('lunr')).default;
    const { tokenizeForIndex } = await import('../../../src-main/core/search/analyzer');
    const text = readFileSync(
      path.resolve(__dirname, '../../../../shared/corpus/seeds/000_ff8ecd809083cd7f.txt'),
      'utf8',
    );
    const pipeline = new lunr.Pipeline();
    pipeline.add(...analyzer.functions);
    const viaPipeline = pipeline.run(tokenizeForIndex(text)).map(String);
    const viaMemo = tokenizeForIndex(text)
      .map((token) => analyzer.analyzeWord(token.toString()))
      .filter((term): term is string => term !== null);
    expect(viaMemo.length).toBeGreaterThan(400);
    expect(viaMemo).toEqual(viaPipeline);
  });
});
