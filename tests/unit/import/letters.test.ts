import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importSources } from '../../../src-main/core/import/index';
import { isNameLine } from '../../../src-main/core/import/letter';
import { parseDateline } from '../../../src-main/core/import/spanish-dates';
import { temporaryFolder } from './corpus';

describe('datelines', () => {
  it.each([
    ['Ciudad de México, a 23 de mayo de 2017', 'Ciudad de México', '2017-05-23'],
    ['Ciudad de México, 23 de mayo de 2017', 'Ciudad de México', '2017-05-23'],
    ['Ciudad de México a 23 de Mayo del 2017', 'Ciudad de México', '2017-05-23'],
    ['Oaxaca de Juárez, Oaxaca, a 1o. de junio de 2018', 'Oaxaca de Juárez, Oaxaca', '2018-06-01'],
    ['Puebla, Pue., 1º de septiembre del 2016.', 'Puebla, Pue.', '2016-09-01'],
    ['**Monterrey, N.L., a 5 de setiembre de 2019**', 'Monterrey, N.L.', '2019-09-05'],
    ['23 de mayo de 2017', null, '2017-05-23'],
  ])('%s', (line, place, date) => {
    expect(parseDateline(line)).toEqual({ place, date });
  });

  it('rejects sentences that merely mention a date, and impossible days', () => {
    expect(parseDateline('La reunión fue el 23 de mayo de 2017')).toBeNull();
    expect(parseDateline('Ciudad de México, a 31 de febrero de 2017')).toBeNull();
    expect(parseDateline('Ciudad de México, a 23 de mayoo de 2017')).toBeNull();
  });
});

describe('signature lines', () => {
  it('accepts names and abbreviations, rejects prose', () => {
    expect(isNameLine('CIDAC, Centro de Investigación para el Desarrollo, A. C.')).toBe(true);
    expect(isNameLine('IMCO, Instituto Mexicano para la Competitividad A.C')).toBe(true);
    expect(isNameLine('salida o al futuro del Plan de Acción.')).toBe(false);
    expect(isNameLine('Esperamos contar con su comprensión con respecto a esta decisión y')).toBe(false);
    expect(isNameLine('sin sus valiosos aportes este proceso no hubiera sido posible.')).toBe(false);
    expect(isNameLine('Atentamente')).toBe(false);
  });
});

describe('letters and other documents without front matter', () => {
  const temporary = temporaryFolder('letters');
  afterAll(() => temporary.remove());

  it('reads a plain-text letter: place, date, addressee line, signatories after the closing', async () => {
    const file = path.join(temporary.folder, 'oficio.txt');
    writeFileSync(
      file,
      'Oaxaca de Juárez, Oax., 1o. de Junio del 2018\n\nC. Presidente Municipal\n\nPor este medio solicitamos información pública sobre el contrato de vigilancia.\n\nAtentamente\n\nAna Pérez\nLuis Gómez\n',
    );
    const result = await importSources([file]);
    const [letter] = result.documents;
    expect(letter?.type).toBe('letter');
    expect(letter?.place).toBe('Oaxaca de Juárez, Oax.');
    expect(letter?.date).toBe('2018-06-01');
    expect(letter?.addressee).toBe('C. Presidente Municipal');
    expect(letter?.signatories).toEqual(['Ana Pérez', 'Luis Gómez']);
    expect(letter?.title).toBe('Carta a C. Presidente Municipal (1 de junio de 2018)');
    expect(result.warnings).toEqual([]);
  });

  it('titles other documents from their first heading, else their file name; plain text is escaped', async () => {
    writeFileSync(
      path.join(temporary.folder, 'notas.md'),
      'Texto previo.\n\n## Notas de campo\n\nSe menciona el 23 de mayo de 2017 al pasar.\n',
    );
    writeFileSync(
      path.join(temporary.folder, 'leeme'),
      'Primera línea con <b>etiquetas</b> & símbolos.\n\nSegundo párrafo.\n',
    );
    const result = await importSources([path.join(temporary.folder, 'notas.md'), path.join(temporary.folder, 'leeme')]);
    const [notes, readme] = result.documents;
    expect(notes?.type).toBe('other');
    expect(notes?.title).toBe('Notas de campo');
    expect(notes?.date).toBeNull();
    expect(readme?.type).toBe('other');
    expect(readme?.title).toBe('leeme');
    expect(readme?.html).toBe(
      '<p>Primera línea con &#x3C;b>etiquetas&#x3C;/b> &#x26; símbolos.</p><p>Segundo párrafo.</p>',
    );
    expect(readme?.text).toBe('Primera línea con <b>etiquetas</b> & símbolos.\n\nSegundo párrafo.');
    expect(readme?.words).toBe(9);
  });

  it('normalises text to NFC before parsing', async () => {
    const decomposed = '# Me\u0301xico\n\nAn\u0303o de la informacio\u0301n.\n';
    writeFileSync(path.join(temporary.folder, 'nfd.md'), decomposed);
    const result = await importSources([path.join(temporary.folder, 'nfd.md')]);
    expect(result.documents[0]?.title).toBe('México');
    expect(result.documents[0]?.text).toContain('Año de la información.');
    expect(result.documents[0]?.text).toBe(result.documents[0]?.text.normalize('NFC'));
  });
});
