import { describe, expect, it } from 'vitest';
import { joinHyphenatedLines, vocabularyOf } from '../../../src-main/core/import/pdf-hyphens';
import { extractPdfText } from '../../../src-main/core/import/pdf-text';
import { column, pdfWithLines } from './pdf-fixtures/generate';

/** PDFs laid out here, line by line (pdf-lib), for what the seed letter does not have: columns and hyphens. */
describe('PDF layout', () => {
  it('reads a two-column page column by column, the title first, never across a shared baseline', async () => {
    const bytes = await pdfWithLines([
      { text: 'Informe a dos columnas', x: 60, y: 780, size: 16 },
      ...column(60, 740, ['La primera columna habla', 'de la vigilancia digital', 'en el país.']),
      ...column(320, 740, ['La segunda columna trata', 'de otra cosa muy distinta', 'y termina aquí.']),
    ]);
    expect((await extractPdfText(bytes)).markdown).toBe(
      [
        '## Informe a dos columnas',
        'La primera columna habla\nde la vigilancia digital\nen el país.',
        'La segunda columna trata\nde otra cosa muy distinta\ny termina aquí.',
      ].join('\n\n'),
    );
  });

  it('continues a sentence cut by the end of the first column in the second', async () => {
    const bytes = await pdfWithLines([
      ...column(60, 740, ['Una frase larga que empieza', 'en la primera columna, pasa', 'por otra línea y']),
      ...column(320, 740, ['sigue en la segunda.', 'Otra frase corta.', 'Y una tercera.']),
    ]);
    expect((await extractPdfText(bytes)).markdown).toBe(
      'Una frase larga que empieza\nen la primera columna, pasa\npor otra línea y\nsigue en la segunda.\nOtra frase corta.\nY una tercera.',
    );
  });

  it('joins a word hyphenated at a line end only when the document uses it whole', async () => {
    const bytes = await pdfWithLines(
      column(60, 740, [
        'La fiscalía com-',
        'pila las pruebas; quien compila',
        'no es un actor socio-',
        'económico del caso.',
      ]),
    );
    expect((await extractPdfText(bytes)).markdown).toBe(
      'La fiscalía compila\nlas pruebas; quien compila\nno es un actor socio-\neconómico del caso.',
    );
  });

  it('keeps a single-column page of prose as it was', async () => {
    const bytes = await pdfWithLines(
      column(60, 740, [
        'Un párrafo de una sola columna que ocupa casi todo el ancho de la página de A4.',
        'Sigue con una segunda línea igual de larga que la primera para llenar el ancho.',
        'Y termina.',
      ]),
    );
    expect((await extractPdfText(bytes)).markdown).toBe(
      'Un párrafo de una sola columna que ocupa casi todo el ancho de la página de A4.\nSigue con una segunda línea igual de larga que la primera para llenar el ancho.\nY termina.',
    );
  });
});

describe('hyphens at line ends', () => {
  it('always joins at a soft hyphen, as PDFs with a ToUnicode map give it', () => {
    const lines = ['Una palabra extra\u00ad', 'ordinaria aparece.'];
    expect(joinHyphenatedLines(lines, vocabularyOf(lines))).toEqual(['Una palabra extraordinaria', 'aparece.']);
  });

  it('keeps a hard hyphen whose joined word the document never uses', () => {
    const lines = ['un actor socio-', 'económico.'];
    expect(joinHyphenatedLines(lines, vocabularyOf(lines))).toEqual(lines);
  });
});
