import { beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../../src-main/core/import/index';
import type { ImportResult, ImportedDocument } from '../../../src-main/core/import/model';
import { ARTICLE_SEED, LETTER_SEED, SEEDS, anchorTags } from './corpus';

let result: ImportResult;
let letter: ImportedDocument;
let article: ImportedDocument;

beforeAll(async () => {
  result = await importSources([SEEDS]);
  const byName = (name: string): ImportedDocument => {
    const found = result.documents.find((document) => document.source === `seeds/${name}`);
    if (!found) throw new Error(`${name} was not imported`);
    return found;
  };
  letter = byName('000_ff8ecd809083cd7f.txt');
  article = byName('001_3d21b2bec742277f.txt');
});

describe('seed letter (a PDF turned into Markdown, ending in .txt)', () => {
  it('is recognised as a letter with place and date from its dateline', () => {
    expect(letter.type).toBe('letter');
    expect(letter.date).toBe('2017-05-23');
    expect(letter.place).toBe('Ciudad de México');
  });

  it('takes the addressee from the first heading, without bold markers', () => {
    expect(letter.addressee).toBe(
      'Organizaciones de la Sociedad Civil Participantes en Jornadas y Mesas de Trabajo de la Alianza para el Gobierno Abierto',
    );
    expect(letter.title).toMatch(/^Carta a Organizaciones de la Sociedad Civil .*\(23 de mayo de 2017\)$/);
    expect(letter.title.length).toBeLessThan(110);
  });

  it('has exactly the ten signatories, the heading-made "Artículo 19" first', () => {
    expect(letter.signatories).toHaveLength(10);
    expect(letter.signatories[0]).toBe('Artículo 19');
    expect(letter.signatories[1]).toBe('CIDAC, Centro de Investigación para el Desarrollo, A. C.');
    expect(letter.signatories[9]).toBe('Transparencia Mexicana');
    // Hard-break spaces are stripped.
    expect(letter.signatories.every((name) => name === name.trim())).toBe(true);
  });

  it('keeps the signature block as lines, not as a heading', () => {
    expect(letter.html).not.toMatch(/<h\d[^>]*>Artículo 19<\/h\d>/);
    expect(letter.html).toMatch(/<div class="signatories">\s*<p>Artículo 19<br>/);
    expect(letter.text).toContain('Artículo 19\nCIDAC, Centro de Investigación para el Desarrollo, A. C.');
  });

  it('turns the stranded footnote into a real footnote linked both ways', () => {
    const reference =
      /<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref=""[^>]*>1<\/a><\/sup>/;
    expect(letter.html).toMatch(reference);
    expect(letter.html).toMatch(/<li id="user-content-fn-1">/);
    expect(letter.html).toMatch(/<a href="#user-content-fnref-1" data-footnote-backref=""/);
    // The note sits at the end, after the signatures.
    expect(letter.html.indexOf('<section data-footnotes')).toBeGreaterThan(
      letter.html.indexOf('Transparencia Mexicana'),
    );
    const footnote = letter.html.slice(letter.html.indexOf('<section data-footnotes'));
    const external = anchorTags(footnote).filter((tag) => tag.includes('class="external"'));
    expect(external.map((tag) => /href="([^"]+)"/.exec(tag)?.[1])).toEqual([
      'https://citizenlab.org/2017/02/bittersweet-nso-mexico-spyware/',
      'https://www.nytimes.com/es/2017/02/11/programas-de-espionaje-fueron-usados-contrainvestigadores-de-un-impuesto-a-los-refrescos-en-mexico/',
    ]);
  });

  it('removes the page break and joins the sentence it cut', () => {
    expect(letter.text).toContain(
      'la actuación de distintas dependencias del Ejecutivo Federal que buscaron disminuir',
    );
    expect(letter.text).toContain('Ejecutivo Federal');
    expect(letter.html).not.toContain('<hr>');
    expect(letter.html).not.toContain('&#x3C;sup');
  });

  it('gets the id from its source path and the hash from its bytes', async () => {
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    expect(letter.id).toBe(createHash('sha256').update('seeds/000_ff8ecd809083cd7f.txt').digest('hex').slice(0, 16));
    expect(letter.sha256).toBe(createHash('sha256').update(readFileSync(LETTER_SEED)).digest('hex'));
    expect(letter.words).toBeGreaterThan(780);
    expect(letter.words).toBeLessThan(840);
  });
});

describe('seed article (a Jekyll post with no date anywhere)', () => {
  it('reads the front matter fields and invents no date', () => {
    expect(article.type).toBe('article');
    expect(article.title).toBe('Organizaciones de la Sociedad Civil salen de la Alianza para el Gobierno Abierto');
    expect(article.date).toBeNull();
    expect(article.category).toBe('Transparencia');
    expect(article.tags).toEqual(['Transparencia']);
    expect(article.authors).toEqual(['Gobierno Fácil']);
    expect(article.description).toMatch(/^Las 10 organizaciones que integraban el Secretariado Técnico Tripartita/);
  });

  it('keeps its 17 external links, marked external and noopener', () => {
    const external = anchorTags(article.html).filter((tag) => tag.includes('class="external"'));
    expect(external).toHaveLength(17);
    expect(external.every((tag) => tag.includes('rel="noopener noreferrer"'))).toBe(true);
    expect(anchorTags(article.html)).toHaveLength(17);
  });

  it('keeps the blockquote and drops the {% include %} tag', () => {
    expect(article.html).toMatch(/<blockquote>\s*<p>“\(\.\.\.\) esta vigilancia resulta ilegal/);
    expect(article.html).not.toContain('{%');
    expect(article.text).not.toContain('include');
  });

  it('keeps a destination with spaces as written and a link that leads nowhere as text, with one warning each', () => {
    // `[Cultura Ecológica](cultura ecologica)` is not a link in CommonMark: shown as written, not lost.
    expect(article.html).toContain(', [Cultura Ecológica](cultura ecologica), <a href="http://fundar.org.mx"');
    expect(article.html).toContain('<p>La Alianza para el Gobierno Abierto es una iniciativa');
    const warnings = result.warnings.filter((warning) => warning.file === 'seeds/001_3d21b2bec742277f.txt');
    expect(warnings).toEqual([
      {
        file: 'seeds/001_3d21b2bec742277f.txt',
        line: 18,
        message: 'link destination "cultura ecologica" has spaces, which Markdown does not allow; kept as written',
        code: 'link-as-written',
      },
      {
        file: 'seeds/001_3d21b2bec742277f.txt',
        line: 28,
        message:
          'link to "/user/login?destination=node/10021/ogp/zip/action_plan" leads nowhere in the archive; kept as plain text',
        code: 'link-dead',
      },
    ]);
  });

  it('warns about nothing else in the seeds', () => {
    expect(result.warnings).toHaveLength(2);
    expect(result.documents).toHaveLength(2);
    expect(result.assets).toHaveLength(0);
  });
});

describe('file inputs and determinism', () => {
  it('names a file input by its base name', async () => {
    const single = await importSources([ARTICLE_SEED]);
    expect(single.documents.map((document) => document.source)).toEqual(['001_3d21b2bec742277f.txt']);
  });

  it('gives identical ids, hashes and HTML on re-import', async () => {
    const again = await importSources([SEEDS]);
    expect(again.documents.map(({ id, sha256, html, text }) => ({ id, sha256, html, text }))).toEqual(
      result.documents.map(({ id, sha256, html, text }) => ({ id, sha256, html, text })),
    );
    expect(again.warnings).toEqual(result.warnings);
  });

  it('reports progress once per document', async () => {
    const seen: string[] = [];
    await importSources([SEEDS], {
      onProgress: (progress) => seen.push(`${progress.done}/${progress.total} ${progress.file}`),
    });
    expect(seen).toEqual(['1/2 seeds/000_ff8ecd809083cd7f.txt', '2/2 seeds/001_3d21b2bec742277f.txt']);
  });
});
