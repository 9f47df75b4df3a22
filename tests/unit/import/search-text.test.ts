import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AssetStore } from '../../../src-main/core/import/assets';
import type { ReferenceContext } from '../../../src-main/core/import/references';
import { renderHtmlPage, renderMarkdown, type RenderedBody } from '../../../src-main/core/import/render';
import { temporaryFolder } from './corpus';

/**
 * The plain text (indexed, quoted in snippets, addressed by annotations) holds the document's words
 * only, each apart: placeholders the importer makes up are shown in the HTML but never in the text,
 * and no block boundary, line break or image glues two words together.
 */

const temporary = temporaryFolder('search-text');
afterAll(() => {
  temporary.remove();
});

function context(root = '/nonexistent/corpus'): ReferenceContext {
  return {
    documentPath: path.join(root, 'documento.md'),
    siteRoot: root,
    boundary: root,
    lineOffset: 0,
    warn: () => undefined,
    assets: new AssetStore(),
    documents: { byPath: () => null, byPermalink: () => null, byPostSlug: () => null },
    usedAssets: new Map(),
  };
}

function render(markdown: string, root?: string): RenderedBody {
  return renderMarkdown(markdown, context(root));
}

describe('placeholders are shown, never indexed', () => {
  it('a remote image without alt text: its label is in the HTML only, the next word stands alone', () => {
    const { html, text } = render('![](http://i.imgur.com/PfibVWEm.jpg)Londres. Un equipo de rescate.');
    expect(html).toContain(
      '<a class="external remote-image" href="http://i.imgur.com/PfibVWEm.jpg" rel="noopener noreferrer"><span class="placeholder">Imagen remota: PfibVWEm.jpg</span></a>Londres.',
    );
    expect(text).toBe('Londres. Un equipo de rescate.');
    expect(text).not.toContain('remota');
    expect(text).not.toContain('jpg');
  });

  it('a remote image inside a link: the same', () => {
    const { html, text } = render('[![](http://a.mx/pine_pena.jpg)](http://a.mx/nota)Peña Nieto dijo');
    expect(html).toContain('Imagen remota: pine_pena.jpg');
    expect(text).toBe('Peña Nieto dijo');
  });
});

describe('alt text and captions are words of their own', () => {
  it('a remote image with alt text: the alt is indexed, apart from the next word', () => {
    expect(render('![Foto Xinhua](http://a.mx/x.jpg)Morelia. De nueva cuenta').text).toBe(
      'Foto Xinhua Morelia. De nueva cuenta',
    );
  });

  it('a stored image: its alt text is indexed between the words around it', () => {
    const root = path.join(temporary.folder, 'sitio');
    mkdirSync(root, { recursive: true });
    // The smallest valid GIF: a stored image, not a remote one.
    writeFileSync(
      path.join(root, 'punto.gif'),
      Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
    );
    const { html, text } = render('Antes![mapa de Irapuato](punto.gif)Después', root);
    expect(html).toMatch(/<img data-asset-id="[0-9a-f]{64}" alt="mapa de Irapuato">/);
    expect(text).toBe('Antes mapa de Irapuato Después');
  });

  it('a missing local image keeps its alt text as words, apart', () => {
    expect(render('Ver![gráfica](no-existe.png)abajo').text).toBe('Ver gráfica abajo');
  });
});

describe('every block boundary is a word boundary', () => {
  it.each([
    [
      '<center>…de 2013. Foto Xinhua</center>Morelia. De nueva cuenta',
      '…de 2013. Foto Xinhua Morelia. De nueva cuenta',
    ],
    [
      '<figure><img src="http://a.mx/b.jpg"><figcaption>…de 2013. Foto Xinhua</figcaption></figure>\n\nMorelia.',
      '…de 2013. Foto Xinhua\n\nMorelia.',
    ],
    ['<article>uno</article><aside>dos</aside><header>tres</header>cuatro', 'uno dos tres cuatro'],
    ['…de 2013. Foto Xinhua\n\nMorelia. De nueva', '…de 2013. Foto Xinhua\n\nMorelia. De nueva'],
    ['uno<br>dos<br/>tres\ncuatro', 'uno\ndos\ntres cuatro'],
  ])('%j', (markdown, expected) => {
    expect(render(markdown).text).toBe(expected);
  });

  it('unwrapped blocks also stay apart in the HTML the reader shows', () => {
    const { html } = render('<center>Foto Xinhua</center>Morelia.');
    expect(html).not.toContain('XinhuaMorelia');
  });

  it('in HTML pages as in Markdown', () => {
    const page = renderHtmlPage(
      '<html><head><title>T</title></head><body><figure><img src="http://a.mx/x.jpg"><figcaption>Foto AP</figcaption></figure><p>Irapuato, Gto.</p></body></html>',
      context(),
    );
    expect(page.text).toBe('Foto AP\n\nIrapuato, Gto.');
  });
});
