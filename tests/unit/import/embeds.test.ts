import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../src-main/core/build/build';
import { AssetStore } from '../../../src-main/core/import/assets';
import type { ReferenceContext } from '../../../src-main/core/import/references';
import { renderMarkdown } from '../../../src-main/core/import/render';
import { recordingWarnings, type RecordedWarning } from '../../../src-main/core/import/warnings';
import { temporaryFolder } from './corpus';

const temporary = temporaryFolder('embeds');
afterAll(() => {
  temporary.remove();
});

function render(markdown: string) {
  const warnings: RecordedWarning[] = [];
  const context: ReferenceContext = {
    documentPath: '/nonexistent/corpus/documento.md',
    siteRoot: '/nonexistent/corpus',
    boundary: '/nonexistent/corpus',
    lineOffset: 0,
    warn: recordingWarnings(warnings),
    assets: new AssetStore(),
    documents: { byPath: () => null, byPermalink: () => null, byPostSlug: () => null },
    usedAssets: new Map(),
  };
  return { ...renderMarkdown(markdown, context), warnings };
}

describe('embeds keep a visible, inert trace', () => {
  it('an iframe becomes an external link labelled with its host, with a counted warning', () => {
    const { html, text, warnings } = render(
      'Antes\n\n<iframe width="560" src="https://www.youtube.com/embed/abc123" allowfullscreen></iframe>\n\nDespués',
    );
    expect(html).toContain(
      '<p><a class="external embed" href="https://www.youtube.com/embed/abc123" rel="noopener noreferrer"><span class="placeholder">[vídeo: youtube.com/embed/abc123]</span></a></p>',
    );
    expect(html).not.toContain('<iframe');
    expect(text).toBe('Antes\n\nDespués');
    expect(warnings).toEqual([
      {
        message: '<iframe> of "https://www.youtube.com/embed/abc123" replaced by a link; never loaded',
        line: 3,
        code: 'embed-replaced',
        count: 1,
      },
    ]);
  });

  it('object data, video sources and protocol-relative addresses; other hosts are "contenido incrustado"', () => {
    const object = render('<object data="//issuu.com/diario/docs/edicion"></object>');
    expect(object.html).toContain('href="https://issuu.com/diario/docs/edicion"');
    expect(object.html).toContain('[contenido incrustado: issuu.com/diario/docs/edicion]');
    const video = render('Mira <video controls><source src="http://a.mx/v.mp4"></video>aquí');
    expect(video.html).toContain('<a class="external embed" href="http://a.mx/v.mp4"');
    expect(video.html).toContain('[vídeo: a.mx/v.mp4]');
    expect(video.text).toBe('Mira aquí');
  });

  it('a local or nested embed keeps its label without a link; one without a source is dropped', () => {
    expect(render('<embed src="peli.swf">').html).toBe(
      '<p><span class="embed"><span class="placeholder">[contenido incrustado: peli.swf]</span></span></p>',
    );
    const nested = render('[<iframe src="https://imgur.com/a/xyz"></iframe>](http://a.mx)');
    expect(nested.html).toContain(
      '<span class="embed"><span class="placeholder">[contenido incrustado: imgur.com/a/xyz]',
    );
    expect(render('<iframe></iframe>\n\nTexto').warnings).toEqual([]);
  });

  it('the build report counts them', async () => {
    const root = path.join(temporary.folder, 'sitio');
    mkdirSync(root, { recursive: true });
    writeFileSync(
      path.join(root, 'nota.md'),
      '# Nota\n\n<iframe src="https://youtu.be/x"></iframe>\n\n<iframe src="https://vimeo.com/1"></iframe>\n',
    );
    writeFileSync(path.join(root, 'otra.md'), '# Otra\n\n<video src="https://a.mx/v.mp4"></video>\n');
    const summary = await buildCorpus({ inputs: [root], out: path.join(temporary.folder, 'e.sqlite') });
    expect(summary.report.embedsReplaced).toEqual({ embeds: 3, documents: 2 });
  });
});
