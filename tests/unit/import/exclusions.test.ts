import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importSources } from '../../../src-main/core/import/index';
import { temporaryFolder } from './corpus';

const temporary = temporaryFolder('exclude');
afterAll(() => {
  temporary.remove();
});

function write(relative: string, text: string): void {
  const file = path.join(temporary.folder, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const README = 'Carpeta de entradas del sitio. No borrar.\n';

describe('leaving files out', () => {
  write('sitio/_config.yml', 'title: Diario\nexclude:\n  - Gemfile\n  - vendor\n  - "*.txt"\n');
  write('sitio/Gemfile', "source 'https://rubygems.org'\n");
  write('sitio/vendor/bundle/nota.md', '# De una gema\n\nNo es del sitio.\n');
  write('sitio/notas.txt', 'Apuntes del editor.\n');
  write('sitio/_posts/2013-11-01-uno.md', '---\ntitle: Uno\n---\nTexto uno.\n');
  write('sitio/_posts/2013/README', README);
  write('sitio/_posts/2014/README', README);
  write('sitio/_posts/2014/borrador-final.md', '# Borrador\n\nNo va.\n');
  write('sitio/acerca/README.md', '# Acerca del archivo\n\nUn README único, que sí es un documento.\n');

  it("honours the Jekyll site's exclude, --exclude globs, and drops repeated READMEs", async () => {
    const imported = await importSources([path.join(temporary.folder, 'sitio')], {
      threads: 1,
      exclude: ['**/borrador*'],
    });
    expect(imported.documents.map((document) => document.source)).toEqual([
      'sitio/_posts/2013-11-01-uno.md',
      'sitio/acerca/README.md',
    ]);
    const excluded = imported.warnings.filter((warning) => warning.code === 'excluded');
    expect(excluded.map((warning) => [warning.file, warning.message])).toEqual([
      ['sitio/Gemfile', "left out: listed in the site's _config.yml exclude"],
      ['sitio/_posts/2014/borrador-final.md', 'left out: matches an exclude glob'],
      ['sitio/notas.txt', "left out: listed in the site's _config.yml exclude"],
      ['sitio/vendor/bundle/nota.md', "left out: listed in the site's _config.yml exclude"],
      ['sitio/_posts/2013/README', 'left out: a README without front matter, identical to others in the archive'],
      ['sitio/_posts/2014/README', 'left out: a README without front matter, identical to others in the archive'],
    ]);
  });

  it('a single README, or READMEs that differ, are documents', async () => {
    write('otro/a/README', 'Uno.\n');
    write('otro/b/README', 'Otro distinto.\n');
    const imported = await importSources([path.join(temporary.folder, 'otro')], { threads: 1 });
    expect(imported.documents.map((document) => document.source)).toEqual(['otro/a/README', 'otro/b/README']);
  });
});
