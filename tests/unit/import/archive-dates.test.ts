import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../src-main/core/build/build';
import { importSources } from '../../../src-main/core/import/index';
import { dateFromPath } from '../../../src-main/core/import/path-date';
import { temporaryFolder } from './corpus';

const temporary = temporaryFolder('dates');
afterAll(() => {
  temporary.remove();
});

function write(relative: string, text: string): void {
  const file = path.join(temporary.folder, 'sitio', relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('dates from a document path', () => {
  it.each([
    ['sitio/_posts/2013/11/01/0044-festival.md', '2013-11-01'],
    ['sitio/_posts/2013/11/0044-festival.md', '2013-11-01'],
    ['sitio/2012/3/7/nota.md', '2012-03-07'],
    ['sitio/_posts/2014-02-28-nota.md', '2014-02-28'],
    // The file name comes before the folders.
    ['sitio/2013/11/01/2014-02-28-nota.md', '2014-02-28'],
    // The deepest folders win over an archive folder above them.
    ['2010/01/sitio/2013/12/nota.md', '2013-12-01'],
    // Not a calendar day: the month alone is still a date of that month.
    ['sitio/2013/02/30/nota.md', '2013-02-01'],
  ])('%s -> %s', (source, iso) => {
    expect(dateFromPath(source)).toBe(iso);
  });

  it.each([
    'sitio/_posts/0044-festival.md',
    'sitio/2013/nota.md', // a year alone is not read as a date
    'sitio/2013/13/nota.md', // no month 13
    'sitio/1492/10/nota.md', // not a plausible year for an archive of posts
    'sitio/2013/11', // a file named like a month
  ])('%s has none', (source) => {
    expect(dateFromPath(source)).toBeNull();
  });
});

describe('document dates in an import, in order of precedence', () => {
  it('front matter, then file name, then folders, then the letter dateline; the rest counted as undated', async () => {
    write('_posts/2013/11/01/0044-festival.md', '---\ntitle: Festival\n---\nHubo festival en Irapuato.\n');
    write('_posts/2013/11/01/0045-otro.md', '---\ntitle: Otro\ndate: 2012-05-06\n---\nTexto.\n');
    write('_posts/2013/11/2013-10-09-nombre.md', '---\ntitle: Nombre\n---\nTexto.\n');
    write('cartas/2019/04/carta.md', 'Oaxaca, a 1 de junio de 2018\n\nEstimada señora:\n\nTexto de la carta.\n');
    write('cartas/carta-sin-carpeta.md', 'Oaxaca, a 1 de junio de 2018\n\nEstimada señora:\n\nTexto de la carta.\n');
    write('notas/sin-fecha.md', '# Sin fecha\n\nNada dice cuándo.\n');
    write('notas/tampoco.md', '# Tampoco\n\nNada.\n');

    const imported = await importSources([path.join(temporary.folder, 'sitio')], { threads: 1 });
    const dates = Object.fromEntries(imported.documents.map((document) => [document.source, document.date]));
    expect(dates).toEqual({
      'sitio/_posts/2013/11/01/0044-festival.md': '2013-11-01',
      'sitio/_posts/2013/11/01/0045-otro.md': '2012-05-06',
      'sitio/_posts/2013/11/2013-10-09-nombre.md': '2013-10-09',
      'sitio/cartas/2019/04/carta.md': '2019-04-01',
      'sitio/cartas/carta-sin-carpeta.md': '2018-06-01',
      'sitio/notas/sin-fecha.md': null,
      'sitio/notas/tampoco.md': null,
    });

    const summary = await buildCorpus({
      inputs: [path.join(temporary.folder, 'sitio')],
      out: path.join(temporary.folder, 'fechas.sqlite'),
    });
    expect(summary.report.undated).toEqual({
      documents: 2,
      examples: ['sitio/notas/sin-fecha.md', 'sitio/notas/tampoco.md'],
    });
  });
});
