import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../../src-main/core/import/index';
import type { ImportResult, ImportedDocument } from '../../../src-main/core/import/model';
import { temporaryFolder } from './corpus';

const temporary = temporaryFolder('sanitize');
afterAll(() => temporary.remove());

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';

const HOSTILE_MARKDOWN = `# Documento hostil

<script>alert('x')</script>
<img src="x" onerror="alert(1)">
<a href="javascript:alert(1)">js</a> <a href="JaVaScRiPt:alert(2)">mayúsculas</a> <a href="java&#x0A;script:alert(3)">entidad</a>

[vb](vbscript:msgbox) [datos](data:text/html;base64,PHNjcmlwdD4=) [archivo](file:///etc/passwd)

<iframe src="https://ejemplo.org"></iframe><object data="x.swf"></object><embed src="x.swf">
<form action="https://ejemplo.org"><input name="q"><button>Enviar</button></form>
<style>body { display: none }</style>
<div style="position:fixed" onclick="alert(4)" class="trampa">estilo</div>
<svg><script>alert(5)</script></svg><math><mi>x</mi></math>
<base href="https://ejemplo.org/"><meta http-equiv="refresh" content="0;url=https://ejemplo.org">
<a href="https://ejemplo.org" target="_blank" onmouseover="alert(6)">externo</a>
<a href="https://ejemplo.org/x" data-doc-id="0123456789abcdef" class="external">falso</a> <a href="#arriba" class="external remote-image">interno</a> <span class="asset-missing" data-missing-src="/etc/passwd">falsa</span>

![remota](https://ejemplo.org/foto.png)
![local](img/foto.png)
![escapa](../secreto.png)
![codificada](%2e%2e/secreto.png)
![enlazada](img/enlace.png)
![vectorial](img/dibujo.svg)
![falsa](img/falsa.png)
![en linea](data:image/png;base64,iVBORw0KGgo=)
`;

let result: ImportResult;
let hostile: ImportedDocument;
const FILE = 'corpus/hostil.md';

beforeAll(async () => {
  const root = path.join(temporary.folder, 'corpus');
  mkdirSync(path.join(root, 'img'), { recursive: true });
  writeFileSync(path.join(temporary.folder, 'secreto.png'), PNG);
  writeFileSync(path.join(root, 'img/foto.png'), PNG);
  writeFileSync(path.join(root, 'img/dibujo.svg'), SVG);
  writeFileSync(path.join(root, 'img/falsa.png'), '<html>no soy una imagen</html>');
  symlinkSync(path.join(temporary.folder, 'secreto.png'), path.join(root, 'img/enlace.png'));
  writeFileSync(path.join(root, 'hostil.md'), HOSTILE_MARKDOWN);
  writeFileSync(
    path.join(root, 'pagina.html'),
    '<!DOCTYPE html><html><head><title>Página guardada</title><script>alert(1)</script><link rel="stylesheet" href="https://cdn.example/x.css"></head>' +
      '<body onload="alert(2)"><h1>Encabezado</h1><p>Hola <b>mundo</b>.</p><img src="img/foto.png" alt="foto"><a href="hostil.md">al otro</a></body></html>',
  );
  result = await importSources([root]);
  const found = result.documents.find((document) => document.source === FILE);
  if (!found) throw new Error('hostile document not imported');
  hostile = found;
});

describe('the sanitiser allowlist', () => {
  it('removes scripts, handlers, styles, forms, frames, objects, svg, math, base and meta', () => {
    for (const forbidden of [
      '<script',
      'alert',
      'onerror',
      'onclick',
      'onmouseover',
      'style',
      '<iframe',
      '<object',
      '<embed',
      '<form',
      '<input',
      '<button',
      '<svg',
      '<math',
      '<base',
      '<meta',
      'target=',
      'trampa',
    ]) {
      expect(hostile.html, forbidden).not.toContain(forbidden);
    }
    expect(hostile.html).toContain('estilo');
  });

  it('keeps no javascript:, vbscript:, data: or file: address, and warns about each', () => {
    expect(hostile.html).not.toMatch(/javascript|vbscript|data:|file:/i);
    const schemes = result.warnings
      .filter((warning) => warning.file === FILE && /^link with/.test(warning.message))
      .map((warning) => /"(\w+):"/.exec(warning.message)?.[1]);
    expect(schemes).toEqual(['javascript', 'javascript', 'javascript', 'vbscript', 'data', 'file']);
    // Their text stays readable.
    expect(hostile.text).toContain('mayúsculas');
    expect(hostile.text).toContain('archivo');
  });

  it('marks external links and drops their other attributes', () => {
    expect(hostile.html).toContain(
      '<a href="https://ejemplo.org" class="external" rel="noopener noreferrer">externo</a>',
    );
  });

  it('does not let a document forge links to documents, assets or missing images', () => {
    expect(hostile.html).toContain(
      '<a href="https://ejemplo.org/x" class="external" rel="noopener noreferrer">falso</a>',
    );
    expect(hostile.html).toContain('<a href="#user-content-arriba">interno</a>');
    expect(hostile.html).toContain('<span class="asset-missing">falsa</span>');
    expect(hostile.html).not.toContain('0123456789abcdef');
    expect(hostile.html).not.toContain('/etc/passwd');
  });
});

describe('images', () => {
  it('stores a local image by hash with no src, and never loads a remote one', () => {
    const stored = result.assets.find((asset) => asset.source === 'corpus/img/foto.png');
    expect(stored?.mime).toBe('image/png');
    expect(hostile.html).toContain(`<img data-asset-id="${stored?.id}" alt="local">`);
    expect(hostile.assetIds).toEqual([stored?.id]);
    expect(hostile.html).toContain(
      '<a class="external remote-image" href="https://ejemplo.org/foto.png" rel="noopener noreferrer">remota</a>',
    );
    expect(hostile.html).not.toMatch(/\ssrc=/);
  });

  it('refuses paths that escape the corpus, plainly, percent-encoded or through a symlink', () => {
    const messages = result.warnings.filter((warning) => warning.file === FILE).map((warning) => warning.message);
    expect(messages).toContain('image "../secreto.png" refused: it points outside the corpus folder');
    // Percent-encoding is decoded before the check.
    expect(
      messages.filter((message) => message === 'image "../secreto.png" refused: it points outside the corpus folder'),
    ).toHaveLength(2);
    expect(messages).toContain('image "img/enlace.png" refused: it is a link to a file outside the corpus folder');
    expect(result.assets.map((asset) => asset.source)).toEqual(['corpus/img/foto.png']);
  });

  it('refuses SVG and files whose bytes are not an image, and drops inline data: images', () => {
    const messages = result.warnings.filter((warning) => warning.file === FILE).map((warning) => warning.message);
    expect(messages).toContain('image "img/dibujo.svg" refused: SVG images can carry scripts and are not stored');
    expect(messages).toContain('image "img/falsa.png" refused: its bytes are not a PNG, JPEG, GIF or WebP image');
    expect(messages.some((message) => message.startsWith('image "data:image/png;base64,'))).toBe(true);
    expect(hostile.html).toContain('<span class="asset-missing" data-missing-src="img/dibujo.svg">vectorial</span>');
    // Warnings carry the line of the image in the file.
    const svgWarning = result.warnings.find((warning) => warning.message.includes('dibujo.svg'));
    expect(svgWarning?.line).toBe(23);
  });
});

describe('an HTML page', () => {
  it('is recognised by its markup, titled from <title>, and goes through the same transforms', () => {
    const page = result.documents.find((document) => document.source === 'corpus/pagina.html');
    const hostileId = hostile.id;
    expect(page?.type).toBe('other');
    expect(page?.title).toBe('Página guardada');
    expect(page?.html).not.toMatch(/script|alert|onload|stylesheet|cdn\.example/);
    expect(page?.html).toContain('<h1>Encabezado</h1><p>Hola <b>mundo</b>.</p>');
    expect(page?.html).toMatch(/<img data-asset-id="[0-9a-f]{64}" alt="foto">/);
    expect(page?.html).toContain(`<a href="#doc/${hostileId}" data-doc-id="${hostileId}">al otro</a>`);
    // The image's alt text is words of the document, apart from the link's (issue 21).
    expect(page?.text).toBe('Encabezado\n\nHola mundo.\n\nfoto al otro');
  });
});
