import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../../src-main/core/import/index';
import type { ImportResult, ImportedDocument } from '../../../src-main/core/import/model';
import { temporaryFolder } from './corpus';

const temporary = temporaryFolder('jekyll');
afterAll(() => temporary.remove());

const CONFIG = `title: Sitio de prueba
url: "https://ejemplo.org"
baseurl: ""
permalink: pretty
anidado:
  nivel:
    valor: profundo
`;

const FIRST = `---
title: Primera entrada
categories: [Datos, Extra]
tags: uno dos
author:
  name: Ana Pérez
excerpt: Un resumen
---
{% include JB/setup %}
Valor: {{ site.anidado.nivel.valor }}. Nada: [{{ site.no_existe }}]. Título: {{ page.title }}.

{% highlight ruby %}
puts "hola"
{% endhighlight %}

Literal: {% raw %}{{ no se toca }}{% endraw %}

{% if algo %}Condicional{% endif %} y {{ variable_suelta }}.

- [por post_url]({% post_url 2020-02-03-segunda %})
- [por link]({% link _posts/2020-02-03-segunda.md %})
- [por ruta relativa](2020-02-03-segunda.md)
- [por permalink](/datos/2020/02/03/segunda/)
- [roto]({% post_url 2019-01-01-no-existe %})

![foto]({{ site.baseurl }}/img/foto.png)
`;

const SECOND = `---
title: Segunda entrada
category: Datos
author: Luis Gómez y Marta Ruiz
---
Texto de la segunda entrada.
`;

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

let result: ImportResult;
let first: ImportedDocument;
let second: ImportedDocument;

beforeAll(async () => {
  const site = path.join(temporary.folder, 'sitio');
  mkdirSync(path.join(site, '_posts'), { recursive: true });
  mkdirSync(path.join(site, 'img'), { recursive: true });
  mkdirSync(path.join(site, '_site'), { recursive: true });
  mkdirSync(path.join(site, '.git'), { recursive: true });
  writeFileSync(path.join(site, '_config.yml'), CONFIG);
  writeFileSync(path.join(site, '_posts/2020-01-02-primera.md'), FIRST);
  writeFileSync(path.join(site, '_posts/2020-02-03-segunda.md'), SECOND);
  writeFileSync(path.join(site, 'img/foto.png'), PNG);
  writeFileSync(path.join(site, '_site/generada.html'), '<html><body>generada</body></html>');
  writeFileSync(path.join(site, '.git/HEAD'), 'ref: refs/heads/main\n');
  // Importing only the _posts folder: _config.yml is found one level up (the input root's parent).
  result = await importSources([path.join(site, '_posts')]);
  const [one, two] = result.documents;
  if (!one || !two) throw new Error('posts not imported');
  first = one;
  second = two;
});

describe('Jekyll posts', () => {
  it('walks only documents: no _config.yml, _site, dot-folders or images', () => {
    expect(result.documents.map((document) => document.source)).toEqual([
      '_posts/2020-01-02-primera.md',
      '_posts/2020-02-03-segunda.md',
    ]);
  });

  it('reads object authors, category lists, space-separated tags and excerpt', () => {
    expect(first.authors).toEqual(['Ana Pérez']);
    expect(first.category).toBe('Datos');
    expect(first.tags).toEqual(['uno', 'dos', 'Extra']);
    expect(first.description).toBe('Un resumen');
    expect(first.date).toBe('2020-01-02');
    expect(second.authors).toEqual(['Luis Gómez', 'Marta Ruiz']);
  });

  it('resolves site.* (nested, unknown = empty) and page.* without a template engine', () => {
    expect(first.text).toContain('Valor: profundo. Nada: []. Título: Primera entrada.');
    expect(first.text).not.toMatch(/\{\{ (site|page)/);
  });

  it('turns highlight into a code block and keeps raw content literally', () => {
    expect(first.html).toContain('<pre><code class="language-ruby">puts "hola"\n</code></pre>');
    expect(first.text).toContain('Literal: {{ no se toca }}');
  });

  it('removes unsupported tags and outputs with warnings naming file and line', () => {
    const warnings = result.warnings.filter((warning) => warning.file === '_posts/2020-01-02-primera.md');
    expect(warnings).toContainEqual({
      file: '_posts/2020-01-02-primera.md',
      line: 18,
      message: 'Liquid tag {% if algo %} is not supported and was removed',
      code: 'liquid-removed',
    });
    expect(warnings).toContainEqual({
      file: '_posts/2020-01-02-primera.md',
      line: 18,
      message: 'Liquid tag {% endif %} is not supported and was removed',
      code: 'liquid-removed',
    });
    expect(warnings).toContainEqual({
      file: '_posts/2020-01-02-primera.md',
      line: 18,
      message: 'Liquid output {{ variable_suelta }} is not supported and was removed',
      code: 'liquid-removed',
    });
    expect(first.text).toContain('Condicional y .');
  });

  it('links post_url, link, relative paths and permalinks to the other document by id', () => {
    const link = `<a href="#doc/${second.id}" data-doc-id="${second.id}">`;
    for (const label of ['por post_url', 'por link', 'por ruta relativa', 'por permalink']) {
      expect(first.html).toContain(`${link}${label}</a>`);
    }
  });

  it('leaves an unresolvable post_url as plain text with a warning', () => {
    expect(first.html).toContain('<li>roto</li>');
    expect(result.warnings).toContainEqual({
      file: '_posts/2020-01-02-primera.md',
      line: 24,
      message: '{% post_url 2019-01-01-no-existe %} names no post in the archive; kept as plain text',
      code: 'link-dead',
    });
  });

  it('resolves {{ site.baseurl }}/img/... against the site root above the input folder', () => {
    expect(result.assets.map((asset) => asset.source)).toEqual(['sitio/img/foto.png']);
    expect(first.html).toContain(`<img data-asset-id="${result.assets[0]?.id}" alt="foto">`);
  });
});

describe('Jekyll semantics', () => {
  const folder = temporaryFolder('jekyll-semantics');
  afterAll(() => {
    folder.remove();
  });
  const posts: Record<string, string> = {
    '2021-01-01-borrador.md': '---\ntitle: Borrador\npublished: false\n---\nNo se publica.\n',
    '2021-01-02-borrador-yaml11.md': '---\ntitle: Otro borrador\npublished: no\n---\nTampoco.\n',
    '2021-01-03-categorias.md': '---\ntitle: Categorías\ncategories: java eclipse\n---\nTexto.\n',
    '2021-01-04-liquid.md': [
      '---',
      'title: Liquid',
      'description: "Una descripción que sigue',
      'en la línea siguiente, como Psych la lee"',
      '---',
      'Así se escribe: {% raw %}{% highlight ruby %}{% endraw %}.',
      '',
      '<div class="nota">',
      '{% highlight liquid %}',
      '{% raw %}{{ page.title }}{% endraw %} y {{ page.title }}',
      '{% endhighlight %}',
      '</div>',
      '',
      '![Mapa](/no-esta.png){:class="img-responsive"}',
      '',
      'Un párrafo con clase.',
      '{: .destacado}',
      '',
      '{% gist usuaria/abc123 %}',
      '',
      '{% progressive_picture src="/foto.jpg" alt="Marcha en el Zócalo" %}',
      '',
      '{% youtube xyz %}',
      '',
    ].join('\n'),
  };
  let imported: ImportResult;
  const byName = (name: string): ImportedDocument | undefined =>
    imported.documents.find((document) => document.source.endsWith(name));

  beforeAll(async () => {
    mkdirSync(path.join(folder.folder, '_posts'), { recursive: true });
    for (const [name, text] of Object.entries(posts)) writeFileSync(path.join(folder.folder, '_posts', name), text);
    imported = await importSources([folder.folder]);
  });

  it('leaves out posts with published: false or YAML 1.1 no, and says so', () => {
    expect(byName('borrador.md')).toBeUndefined();
    expect(byName('borrador-yaml11.md')).toBeUndefined();
    const skipped = imported.warnings.filter((warning) => /unpublished post/.test(warning.message));
    expect(skipped.map((warning) => path.basename(warning.file))).toEqual([
      '2021-01-01-borrador.md',
      '2021-01-02-borrador-yaml11.md',
    ]);
  });

  it('splits categories written as one space-separated string', () => {
    const post = byName('categorias.md');
    expect(post?.category).toBe('java');
    expect(post?.tags).toEqual(['eclipse']);
  });

  it('reads a double-quoted scalar continued on an unindented line, as Psych does, without a warning', () => {
    expect(byName('liquid.md')?.description).toBe('Una descripción que sigue en la línea siguiente, como Psych la lee');
    expect(imported.warnings.filter((warning) => /YAML/.test(warning.message))).toEqual([]);
  });

  it('processes raw and highlight as Jekyll does, even right after a line of HTML', () => {
    const post = byName('liquid.md');
    expect(post?.text).toContain('Así se escribe: {% highlight ruby %}.');
    expect(post?.html).toContain(
      // Jekyll renders Liquid inside highlight: only the raw part stays literal.
      '<pre><code class="language-liquid">{{ page.title }} y Liquid\n</code></pre>',
    );
  });

  it('applies or drops kramdown attribute lists, never showing them', () => {
    const post = byName('liquid.md');
    expect(post?.text).not.toContain('{:');
    expect(post?.html).toContain('<p>Un párrafo con clase.</p>');
    expect(post?.html).toContain('<span class="asset-missing" data-missing-src="/no-esta.png">Mapa</span>');
  });

  it('keeps a visible trace of plugin tags, with a warning each', () => {
    const post = byName('liquid.md');
    expect(post?.html).toContain(
      '<a href="https://gist.github.com/usuaria/abc123" class="external" rel="noopener noreferrer">gist: https://gist.github.com/usuaria/abc123</a>',
    );
    expect(post?.text).toContain('Marcha en el Zócalo');
    expect(post?.html).toContain('<code>{% youtube xyz %}</code>');
    const messages = imported.warnings.filter((w) => w.file.endsWith('2021-01-04-liquid.md')).map((w) => w.message);
    expect(messages).toContain('Liquid tag {% gist usuaria/abc123 %} is not supported; kept as a link to the gist');
    expect(messages).toContain('Liquid tag {% youtube xyz %} is not supported; kept as written');
  });
});
