import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSources } from '../../../src-main/core/import/index';
import { temporaryFolder } from './corpus';
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

describe('PDF figures', () => {
  // A chart beside the prose: a rotated axis title, tick values and legend words in 7 pt, some on
  // the baselines of the 10 pt body lines.
  const chart = [
    { text: 'Casos por año', x: 372, y: 740, rotate: 90, size: 8 },
    { text: '0', x: 385, y: 700, size: 7 },
    { text: '50', x: 385, y: 716, size: 7 },
    { text: '100', x: 385, y: 728, size: 7 },
    { text: '2016', x: 420, y: 690, size: 7 },
    { text: '2017', x: 470, y: 690, size: 7 },
    { text: 'Pegasus', x: 520, y: 740, size: 7 },
    { text: 'Otros', x: 520, y: 728, size: 7 },
  ];
  const prose = column(60, 740, [
    'La vigilancia de periodistas creció',
    'entre 2016 y 2017, según los casos',
    'que documentaron las organizaciones.',
    'La gráfica muestra los casos por año.',
  ]);

  it('keeps the labels of a figure apart from each other and from the body text', async () => {
    const bytes = await pdfWithLines([...prose, ...chart]);
    expect((await extractPdfText(bytes)).markdown).toBe(
      [
        'La vigilancia de periodistas creció\nentre 2016 y 2017, según los casos\nque documentaron las organizaciones.\nLa gráfica muestra los casos por año.',
        'Casos por año · Pegasus · 100 · Otros · 50 · 0 · 2016 · 2017',
      ].join('\n\n'),
    );
    expect((await extractPdfText(bytes)).figures).toEqual([{ page: 1, labels: 8 }]);
  });

  it('says in the import which page had its figure labels kept apart', async () => {
    const { folder, remove } = temporaryFolder('pdf-figure');
    try {
      writeFileSync(path.join(folder, 'grafica.pdf'), await pdfWithLines([...prose, ...chart]));
      const result = await importSources([folder], { threads: 1 });
      expect(result.documents[0]?.text).toContain('Casos por año · Pegasus · 100');
      expect(result.warnings).toEqual([
        {
          file: path.basename(folder) + '/grafica.pdf',
          message: "page 1: 8 figure labels kept apart from the text, after the page's paragraphs",
          code: 'pdf-figure-text',
          count: 8,
        },
      ]);
    } finally {
      remove();
    }
  });

  it('leaves small text that is no figure in the prose', async () => {
    // A footnote in small type is text, not a figure: long, and alone.
    const bytes = await pdfWithLines([
      ...prose,
      { text: '1 Datos de las organizaciones firmantes, recopilados en 2017.', x: 60, y: 100, size: 7 },
    ]);
    const extracted = await extractPdfText(bytes);
    expect(extracted.figures).toEqual([]);
    expect(extracted.markdown).toContain('1 Datos de las organizaciones firmantes, recopilados en 2017.');
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
