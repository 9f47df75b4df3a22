import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssetStore } from '../../../src-main/core/import/assets';
import type { ReferenceContext } from '../../../src-main/core/import/references';
import { renderMarkdown, type RenderedBody } from '../../../src-main/core/import/render';
import { GOBIERNOFACIL, anchorTags } from './corpus';

/**
 * The Markdown pipeline (markdown-it -> parse5 -> reference transform -> sanitiser) on its own:
 * the GFM constructs it must render as the earlier remark pipeline did, the source lines its
 * warnings name, and its guards against input that would stall a build.
 */

interface Rendered extends RenderedBody {
  warnings: { message: string; line?: number }[];
}

function render(markdown: string, lineOffset = 0): Rendered {
  const warnings: { message: string; line?: number }[] = [];
  const context: ReferenceContext = {
    documentPath: '/nonexistent/corpus/documento.md',
    siteRoot: '/nonexistent/corpus',
    boundary: '/nonexistent/corpus',
    lineOffset,
    warn: (message, line) => warnings.push(line === undefined ? { message } : { message, line }),
    assets: new AssetStore(),
    documents: { byPath: () => null, byPermalink: () => null, byPostSlug: () => null },
    usedAssets: new Map(),
  };
  return { ...renderMarkdown(markdown, context), warnings };
}

function hrefs(html: string): string[] {
  return anchorTags(html).map((tag) => /href="([^"]*)"/.exec(tag)?.[1] ?? '');
}

describe('GFM autolink literals', () => {
  it('links www., http(s):// and e-mail addresses, without trailing punctuation', () => {
    const { html, text } = render(
      'Visita www.ejemplo.org/ruta, https://a.mx/informe. o escribe a contacto@ejemplo.org; gracias.',
    );
    expect(hrefs(html)).toEqual(['http://www.ejemplo.org/ruta', 'https://a.mx/informe', 'mailto:contacto@ejemplo.org']);
    expect(text).toBe('Visita www.ejemplo.org/ruta, https://a.mx/informe. o escribe a contacto@ejemplo.org; gracias.');
  });

  it('ends an autolink before a trailing entity (&nbsp; from exported HTML), which is decoded as text', () => {
    const { html, text } = render(
      'Ver https://a.mx/informe&nbsp; y www.a.mx/b.&nbsp; o https://a.mx/?a=1&amp;b=2 hoy.',
    );
    // Inside the address an entity stays as written (as in GFM): the href holds a literal "&amp;".
    expect(hrefs(html)).toEqual(['https://a.mx/informe', 'http://www.a.mx/b', 'https://a.mx/?a=1&#x26;amp;b=2']);
    expect(text).toBe('Ver https://a.mx/informe\u00a0 y www.a.mx/b.\u00a0 o https://a.mx/?a=1&amp;b=2 hoy.');
  });

  it('leaves bare domains, ftp://, //host and @handles as text', () => {
    const { html } = render('Ni ejemplo.org ni ftp://ejemplo.org ni //ejemplo.org ni @usuario.');
    expect(anchorTags(html)).toEqual([]);
  });

  it('does not link the Twitter handles of a real post', () => {
    const source = readFileSync(
      path.join(GOBIERNOFACIL, '_posts/2014-12-30-recapitulando-el-dos-mil-catorce-de-gobierno-facil.md'),
      'utf8',
    );
    const body = source.slice(source.indexOf('\n---', 3) + 4);
    const { html, text } = render(body);
    expect(text).toContain('Gustavo Acosta(@zapopanlab), Juan Pablo Escobar (@CodeandoMexico), @rodowi');
    expect(hrefs(html).filter((href) => href.includes('zapopanlab') || href.includes('rodowi'))).toEqual([]);
  });

  it('keeps non-ASCII hosts as written (percent-encoded), never punycode', () => {
    const { html } = render('[Gobierno](https://méxico.example/año)');
    expect(hrefs(html)).toEqual(['https://m%C3%A9xico.example/a%C3%B1o']);
  });
});

describe('GFM footnotes', () => {
  const { html, text } = render(
    'Uno[^Nota] y dos[^Nota], tres^[en línea] y cuatro[^otra].\n\n[^Nota]: La nota.\n[^nunca]: Sin referencia.\n[^otra]: Otra nota.\n',
  );

  it('numbers notes by first reference; a second reference to a note gets its own id', () => {
    expect(html).toContain(
      '<sup><a href="#user-content-fn-nota" id="user-content-fnref-nota" data-footnote-ref="" aria-describedby="user-content-footnote-label">1</a></sup>',
    );
    expect(html).toContain(
      '<sup><a href="#user-content-fn-nota" id="user-content-fnref-nota-2" data-footnote-ref="" aria-describedby="user-content-footnote-label">1</a></sup>',
    );
    expect(html).toContain(
      '<sup><a href="#user-content-fn-otra" id="user-content-fnref-otra" data-footnote-ref="" aria-describedby="user-content-footnote-label">2</a></sup>',
    );
  });

  it('renders referenced notes only, each with a way back to every reference', () => {
    expect(html).toContain(
      '<section data-footnotes="" class="footnotes"><h2 class="sr-only" id="user-content-footnote-label">Notas</h2>',
    );
    expect(html).toContain(
      '<li id="user-content-fn-nota">\n<p>La nota. <a href="#user-content-fnref-nota" data-footnote-backref="" aria-label="Volver a la referencia 1" class="data-footnote-backref">↩</a> <a href="#user-content-fnref-nota-2" data-footnote-backref="" aria-label="Volver a la referencia 1" class="data-footnote-backref">↩<sup>2</sup></a></p>',
    );
    expect(text).not.toContain('Sin referencia');
  });

  it('matches labels without regard to case, and keeps the first of two definitions of a label', () => {
    const { html, text } = render('Uno[^Nota] y dos[^NOTA].\n\n[^nota]: Primera.\n[^Nota]: Segunda.\n');
    expect(html).toContain(
      'id="user-content-fnref-nota-2" data-footnote-ref="" aria-describedby="user-content-footnote-label">1</a>',
    );
    expect(text).toBe('Uno1 y dos1.\n\nNotas\n\nPrimera. ↩ ↩2');
  });

  it('renders and numbers only the notes the text calls, in calling order (not those a forgotten definition mentions)', () => {
    const { text, html } = render(
      'Uno[^a].\n\n[^x]: Olvidada, cita [^c] y [^x].\n\nDos[^b] y tres[^c].\n\n[^a]: A.\n[^b]: B.\n[^c]: C.\n',
    );
    expect(text).toBe('Uno1.\n\nDos2 y tres3.\n\nNotas\n\nA. ↩\n\nB. ↩\n\nC. ↩');
    expect(html).not.toContain('fn-x');
    expect(html).not.toContain('fnref-c-2');
  });

  it('leaves ^[inline] notes (not GFM) as text', () => {
    expect(text).toContain('tres^[en línea] y cuatro2.');
  });
});

describe('other GFM constructs', () => {
  it('keeps table column alignment as align attributes', () => {
    const { html, text } = render('| a | b | c |\n|:--|--:|:-:|\n| 1 | 2 | 3 |\n');
    expect(html).toContain('<th align="left">a</th>\n<th align="right">b</th>\n<th align="center">c</th>');
    expect(html).toContain('<td align="right">2</td>');
    expect(text).toBe('a\tb\tc\n1\t2\t3');
  });

  it('strikes ~~text~~ through with <del>, and changes no quote or dash (no typographer)', () => {
    const { html, text } = render('~~tachado~~ "comillas" -- (c) ...');
    expect(html).toBe('<p><del>tachado</del> "comillas" -- (c) ...</p>');
    expect(text).toBe('tachado "comillas" -- (c) ...');
  });

  it('strikes ~text~ through too, pairing single tildes only with single ones; three or more strike nothing', () => {
    expect(render('~uno~ y ~*dos*~').html).toBe('<p><del>uno</del> y <del><em>dos</em></del></p>');
    expect(render('~a~~ b').html).toBe('<p>~a~~ b</p>');
    expect(render('tres ~~~tres~~~ y ~~cuatro~~').html).toBe('<p>tres ~~~tres~~~ y <del>cuatro</del></p>');
    expect(render('unos ~50 y otros ~ 60').text).toBe('unos ~50 y otros ~ 60');
  });

  it('turns a javascript: link into its text with a warning, as for raw HTML', () => {
    const { html, text, warnings } = render('Pulsa [aquí](javascript:alert(1)).');
    expect(html).toBe('<p>Pulsa aquí.</p>');
    expect(text).toBe('Pulsa aquí.');
    expect(warnings).toEqual([
      { message: 'link with "javascript:" address removed; its text was kept (javascript:alert(1))', line: 1 },
    ]);
  });
});

describe('source lines in warnings', () => {
  it('names the Markdown line of a link in a paragraph, raw HTML, a table, a quote and a footnote', () => {
    const markdown = [
      'línea uno',
      'línea dos [x](nada)',
      '',
      '<div>',
      '<p>',
      '<a href="otra">y</a>',
      '</div>',
      '',
      '| a |',
      '|-|',
      '| [t](tabla) |',
      '',
      '> cita',
      '> [q](cita)',
      '',
      'Nota[^1].',
      '',
      '[^1]: Texto',
      '    de la [nota](en-nota).',
    ].join('\n');
    const { warnings } = render(markdown, 10);
    expect(warnings.map((warning) => [warning.line, /"([^"]+)"/.exec(warning.message)?.[1]])).toEqual([
      [12, 'nada'],
      [16, 'otra'],
      [21, 'tabla'],
      [24, 'cita'],
      [29, 'en-nota'],
    ]);
  });
});

describe('guards against input that would stall a build', () => {
  it('imports Markdown nested deeper than markdown-it descends as plain text, with a warning, losing no text', () => {
    const { text, warnings } = render(`# Citas\n\n${'> '.repeat(150)}en el fondo\n`);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'nested too deeply to parse safely (more than 100 levels); imported as plain text',
    ]);
    expect(text).toContain('en el fondo');
  });

  it('imports many lines inside deep quotes as plain text (markdown-it re-checks every quote on every line)', () => {
    const { text, warnings } = render(`${'> '.repeat(20)}principio\n${'línea\n'.repeat(60_000)}final`);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'quoted too deeply over too many lines to parse safely (60002 lines, quotes 20 levels deep); imported as plain text',
    ]);
    expect(text.endsWith('línea línea final')).toBe(true);
  });

  it('still parses a long document quoted a few levels deep', () => {
    const { html, warnings } = render(`> > cita\n${'> > línea\n'.repeat(5_000)}`);
    expect(warnings).toEqual([]);
    expect(html.startsWith('<blockquote>\n<blockquote>\n<p>cita')).toBe(true);
  });
});

describe('spec cases that used to lose text or structure', () => {
  it('renders GFM task lists as disabled checkboxes', () => {
    const { html, text } = render('- [ ] pendiente\n- [x] hecha');
    expect(html).toBe(
      '<ul>\n<li><input disabled type="checkbox"> pendiente</li>\n<li><input checked disabled type="checkbox"> hecha</li>\n</ul>',
    );
    expect(text).toBe('pendiente\nhecha');
  });

  it('keeps a destination with spaces as written, and says where', () => {
    const { html, warnings } = render('Ver [enlace](/mi ruta) y [foo](no es enlace).\n\n[foo]: https://a.mx/');
    expect(html).toBe(
      '<p>Ver [enlace](/mi ruta) y <a href="https://a.mx/" class="external" rel="noopener noreferrer">foo</a>(no es enlace).</p>',
    );
    expect(warnings.map((warning) => warning.line)).toEqual([1, 1]);
  });

  it('decodes entities of a fence info string into the language class, and leaves no empty class', () => {
    expect(render('``` f&ouml;&ouml;\nx\n```').html).toBe('<pre><code class="language-föö">x\n</code></pre>');
    expect(render('<p class="lead">Texto</p>').html).toBe('<p>Texto</p>');
  });

  it('links <MAILTO:…> and balanced parentheses, but not an address GFM refuses', () => {
    const { html } = render('<MAILTO:A@B.MX> www.a.mx/b?q=(c))+ok hola@correo+x.mx');
    expect(hrefs(html)).toEqual(['mailto:A@B.MX', 'http://www.a.mx/b?q=(c))+ok']);
  });

  it('shows an unclosed <style> or <title> as text instead of losing the rest of the document', () => {
    const { text } = render('Antes <title> y <style> después.\n\nÚltimo párrafo.');
    expect(text).toBe('Antes <title> y <style> después.\n\nÚltimo párrafo.');
  });
});

describe('autolinks after a delimiter', () => {
  it('links www. right after ~~, * or ( in every paragraph, not only the first', () => {
    const { html } = render('~~www.uno.mx~~\n\n*www.dos.mx*\n\n(www.tres.mx)');
    expect(hrefs(html)).toEqual(['http://www.uno.mx', 'http://www.dos.mx', 'http://www.tres.mx']);
  });
});
