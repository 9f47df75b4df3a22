import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../../src-main/core/import/index';
import type { ImportResult, ImportedDocument } from '../../../src-main/core/import/model';
import { GOBIERNOFACIL, anchorTags, temporaryFolder } from './corpus';

let result: ImportResult;

function post(fileName: string): ImportedDocument {
  const found = result.documents.find((document) => document.source === `gobiernofacil/_posts/${fileName}`);
  if (!found) throw new Error(`${fileName} was not imported`);
  return found;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

beforeAll(async () => {
  result = await importSources([GOBIERNOFACIL]);
});

describe('the gobiernofacil Jekyll site', () => {
  it('imports its 25 posts as articles (not _config.yml, not the images)', () => {
    expect(result.documents).toHaveLength(25);
    expect(result.documents.every((document) => document.type === 'article')).toBe(true);
    expect(result.documents.every((document) => document.source.startsWith('gobiernofacil/_posts/'))).toBe(true);
  });

  it('dates every post from its file name (no front matter has a date)', () => {
    for (const document of result.documents) {
      const fileDate = /_posts\/(\d{4}-\d{2}-\d{2})-/.exec(document.source)?.[1];
      expect(document.date, document.source).toBe(fileDate);
    }
    expect(post('2017-05-24-sociedad-civil-sale-de-alianza-para-el-gobierno-abierto.md').date).toBe('2017-05-24');
  });

  it('splits "A + B" authors into two people', () => {
    expect(post('2017-03-22-agua-en-mexico.md').authors).toEqual(['Alejandra Padilla', 'Argentina Velasco']);
    expect(post('2017-05-01-trabajo-infantil-en-mexico.md').authors).toEqual(['Alejandra Padilla', 'Hugo Osorio']);
    expect(post('2014-12-05-el-imco-las-universidades-y-el-mapa-educativo.md').authors).toEqual(['Boris Cuapio']);
  });

  it('reads category, tag lists and the description', () => {
    const recap = post('2014-12-30-recapitulando-el-dos-mil-catorce-de-gobierno-facil.md');
    expect(recap.category).toBe('Experimentos');
    expect(recap.tags).toEqual(['Experimentos', 'Gobierno Fácil']);
    expect(recap.description).toBe('Resumen del 2014 de Gobierno Fácil');
  });

  it('stores each of the 27 referenced images once, with the mime type of its bytes', () => {
    expect(result.assets).toHaveLength(27);
    const byMime = (mime: string): number => result.assets.filter((asset) => asset.mime === mime).length;
    expect(byMime('image/png')).toBe(15);
    expect(byMime('image/jpeg')).toBe(12);
    // epicentro.JPG: upper-case extension, JPEG bytes.
    const epicentro = result.assets.find((asset) => asset.source === 'gobiernofacil/assets/images/epicentro.JPG');
    expect(epicentro?.mime).toBe('image/jpeg');
    for (const asset of result.assets) {
      expect(asset.id).toBe(sha256(asset.bytes));
      expect(
        asset.bytes.equals(readFileSync(path.join(GOBIERNOFACIL, asset.source.replace(/^gobiernofacil\//, '')))),
      ).toBe(true);
    }
    // Every image file of the site is referenced by some post.
    expect(new Set(result.assets.map((asset) => asset.source.split('/').pop()))).toEqual(
      new Set(readdirSync(path.join(GOBIERNOFACIL, 'assets/images'))),
    );
  });

  it('resolves {{ site.url }}/assets/... against the site root (fotomultas_v1.png DOES exist)', () => {
    // The shared README says this post "names an image that does not exist"; the file is there and is a PNG.
    const fotomultas = post('2017-04-11-fotomultas-en-puebla.md');
    const bytes = readFileSync(path.join(GOBIERNOFACIL, 'assets/images/fotomultas_v1.png'));
    expect(fotomultas.assetIds).toEqual([sha256(bytes)]);
    expect(fotomultas.html).toContain(
      `<a href="https://gobiernofacil.com/herramientas/ingresos-por-fotomulta-puebla" class="external" rel="noopener noreferrer"><img data-asset-id="${sha256(bytes)}" alt="Ingresos recaudados por fotomulta en Puebla"></a>`,
    );
    expect(result.warnings.filter((warning) => /image/.test(warning.message))).toEqual([]);
  });

  it('leaves no Liquid and no src attribute in any HTML or text', () => {
    for (const document of result.documents) {
      for (const field of [document.html, document.text]) {
        expect(field, document.source).not.toContain('{{');
        expect(field, document.source).not.toContain('{%');
      }
      expect(document.html, document.source).not.toMatch(/\ssrc=/);
      expect(document.text, document.source).not.toContain('JB/setup');
    }
  });

  it('never loads remote images: the 26 in the 2014 recap become external links', () => {
    const recap = post('2014-12-30-recapitulando-el-dos-mil-catorce-de-gobierno-facil.md');
    const remote = anchorTags(recap.html).filter((tag) => tag.includes('class="external remote-image"'));
    expect(remote).toHaveLength(26);
    expect(remote[0]).toContain('href="https://d262ilb51hltx0.cloudfront.net/max/1356/1*rzXxe-Ly0iNLN2xNmjkovA.png"');
    expect(recap.html).not.toContain('<img');
    expect(recap.assetIds).toEqual([]);
  });

  it('keeps in-page footnote anchors working after the sanitiser prefixes names', () => {
    const budget = post('2015-08-02-transparencia-presupuestaria-recursos-federales.md');
    expect(budget.html).toContain('<sup><a href="#user-content-anchor-2">2</a></sup>');
    expect(budget.html).toContain('<a name="user-content-anchor-2"></a>');
  });

  it('warns about exactly the links that lead nowhere, and an e-mail without mailto: still works', () => {
    expect(result.warnings.map((warning) => `${warning.file}:${warning.line} ${warning.message}`)).toEqual([
      'gobiernofacil/_posts/2017-05-24-sociedad-civil-sale-de-alianza-para-el-gobierno-abierto.md:18 link destination "cultura ecologica" has spaces, which Markdown does not allow; kept as written',
      'gobiernofacil/_posts/2017-05-24-sociedad-civil-sale-de-alianza-para-el-gobierno-abierto.md:28 link to "/user/login?destination=node/10021/ogp/zip/action_plan" leads nowhere in the archive; kept as plain text',
      'gobiernofacil/_posts/2017-05-30-oaxaca.md:22 link to "www.gobiernofacil.com" leads nowhere in the archive; kept as plain text',
    ]);
    expect(post('2016-02-19-servicio-social-sociedad-abierta.md').html).toContain(
      '<a href="mailto:howdy@gobiernofacil.com" class="external" rel="noopener noreferrer">howdy@gobiernofacil.com</a>',
    );
  });
});

describe('a post whose image is missing (the real fotomultas post in a site without its image)', () => {
  const temporary = temporaryFolder('missing-image');
  afterAll(() => temporary.remove());

  it('warns with document, line and path, and leaves an asset-missing span', async () => {
    const site = path.join(temporary.folder, 'sitio');
    mkdirSync(path.join(site, '_posts'), { recursive: true });
    mkdirSync(path.join(site, 'assets/images'), { recursive: true });
    writeFileSync(path.join(site, '_config.yml'), readFileSync(path.join(GOBIERNOFACIL, '_config.yml')));
    writeFileSync(
      path.join(site, '_posts/2017-04-11-fotomultas-en-puebla.md'),
      readFileSync(path.join(GOBIERNOFACIL, '_posts/2017-04-11-fotomultas-en-puebla.md')),
    );
    const imported = await importSources([site]);
    expect(imported.warnings).toEqual([
      {
        file: 'sitio/_posts/2017-04-11-fotomultas-en-puebla.md',
        line: 19,
        message: 'image "/assets/images/fotomultas_v1.png" does not exist',
        code: 'image-missing',
      },
    ]);
    const [document] = imported.documents;
    expect(document?.html).toContain(
      '<span class="asset-missing" data-missing-src="/assets/images/fotomultas_v1.png">Ingresos recaudados por fotomulta en Puebla</span>',
    );
    expect(document?.assetIds).toEqual([]);
    expect(imported.assets).toEqual([]);
  });
});
