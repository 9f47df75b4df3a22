import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cslDate, cslName, toCslItem, type CslItem } from '../../../src-renderer/citations/csl-item';
import { formatCitation, formatCitationFile } from '../../../src-renderer/citations/format-citations';
import { documentPermalink } from '../../../src-renderer/citations/permalink';
import { buildSeedArchive, type SeedArchive } from '../annotations/seed-corpus';

let seeds: SeedArchive;
let letter: CslItem;
let article: CslItem;
const accessed = new Date('2026-12-06T12:00:00Z');

beforeAll(async () => {
  // Citation.js can resolve identifiers over the network; nothing here may ever try.
  vi.stubGlobal('fetch', () => {
    throw new Error('network request attempted');
  });
  seeds = await buildSeedArchive();
  const context = (id: string) => ({
    archiveName: 'Archivo semilla',
    permalink: documentPermalink(id, { protocol: 'app:', origin: 'app://app', pathname: '/index.html' }),
    accessed,
  });
  letter = toCslItem(seeds.letter, context(seeds.letter.id));
  article = toCslItem(seeds.article, context(seeds.article.id));
}, 60_000);
afterAll(() => {
  vi.unstubAllGlobals();
  seeds.archive.close();
});

describe('metadata to CSL-JSON', () => {
  it('maps the seed letter: type, signatories kept whole, addressee, place, date, archive and permalink', () => {
    expect(letter.type).toBe('letter');
    expect(letter.issued).toEqual({ 'date-parts': [[2017, 5, 23]] });
    expect(letter['publisher-place']).toBe('Ciudad de México');
    expect(letter.author?.[0]).toEqual({ literal: 'Artículo 19' });
    expect(letter.author).toContainEqual({ literal: 'Transparencia Mexicana' });
    expect(letter.recipient?.[0]?.literal).toMatch(/^Organizaciones de la Sociedad Civil/);
    expect(letter.archive).toBe('Archivo semilla');
    expect(letter.URL).toBe(`archivo://doc/${seeds.letter.id}`);
  });

  it('leaves the undated seed article without a date instead of inventing one', () => {
    expect(article.type).toBe('article');
    expect(article.issued).toBeUndefined();
    expect(article.author).toEqual([{ literal: 'Gobierno Fácil' }]);
  });

  it('splits personal names (two Spanish surnames) and keeps organisations whole', () => {
    expect(cslName('Ana Pérez')).toEqual({ family: 'Pérez', given: 'Ana' });
    expect(cslName('Ana María Pérez López')).toEqual({ family: 'Pérez López', given: 'Ana María' });
    expect(cslName('Pérez, Ana')).toEqual({ family: 'Pérez', given: 'Ana' });
    expect(cslName('R3D: Red en Defensa de los Derechos Digitales')).toHaveProperty('literal');
    expect(cslDate('2017-05')).toEqual({ 'date-parts': [[2017, 5]] });
    expect(cslDate(null)).toBeNull();
  });

  it('links to the reader route in browser mode and to archivo:// in the app, notes included', () => {
    const page = { protocol: 'http:', origin: 'http://archivo.lan:8080', pathname: '/' };
    expect(documentPermalink('0123456789abcdef', page)).toBe('http://archivo.lan:8080/#doc/0123456789abcdef');
    expect(documentPermalink('0123456789abcdef', { protocol: 'app:', origin: 'app://app', pathname: '/' }, 'x-1')).toBe(
      'archivo://doc/0123456789abcdef?a=x-1',
    );
  });
});

describe('citations through the CSL processor', () => {
  it('APA in Spanish and English: the undated article reads "s. f." / "n.d." and the day consulted', () => {
    // The Spanish locale writes "s. f." with a no-break space: normalised for the comparison.
    expect(formatCitation([article], 'apa', 'es').replace(/\s/g, ' ')).toBe(
      `Gobierno Fácil. (s. f.). Organizaciones de la Sociedad Civil salen de la Alianza para el Gobierno Abierto [Transparencia]. Archivo semilla. Recuperado 6 de diciembre de 2026, de archivo://doc/${seeds.article.id}`,
    );
    expect(formatCitation([article], 'apa', 'en')).toContain('(n.d.)');
    expect(formatCitation([article], 'apa', 'en')).toContain('Retrieved December 6, 2026, from archivo://doc/');
  });

  it('Chicago: the letter with addressee, place and date, quotes in the language’s style', () => {
    const es = formatCitation([letter], 'chicago', 'es');
    expect(es).toMatch(/^Artículo 19, CIDAC, .* y Transparencia Mexicana\. «Carta a Organizaciones/);
    expect(es).toContain('. A Organizaciones de la Sociedad Civil Participantes');
    expect(es).toContain('Ciudad de México, 23 de mayo de 2017. Archivo semilla. archivo://doc/');
    const en = formatCitation([letter], 'chicago', 'en');
    expect(en).toContain('and Transparencia Mexicana. “Carta a Organizaciones');
    expect(en).toContain('To Organizaciones de la Sociedad Civil');
    expect(en).toContain('Ciudad de México, May 23, 2017.');
  });

  it('MLA: et al. after the first of many signatories, day-month-year and "Accessed"', () => {
    const en = formatCitation([letter], 'mla', 'en');
    expect(en).toMatch(/^Artículo 19 et al\. “Carta a/);
    expect(en).toContain('23 May 2017. Archivo semilla, archivo://doc/');
    expect(en).toMatch(/Accessed 6 Dec\. 2026\.$/);
    expect(formatCitation([article], 'mla', 'es')).toMatch(/Accedido 6 de diciembre de 2026\.$/);
  });
});

describe('bibliography files', () => {
  it('BibTeX: one entry per document with its permalink and date', () => {
    const { content, extension, mime } = formatCitationFile([letter, article], 'bibtex');
    expect(extension).toBe('bib');
    expect(mime).toBe('application/x-bibtex');
    expect(content.match(/^@\w+\{/gm)).toEqual(['@misc{', '@article{']);
    expect(content).toContain(`url = {archivo://doc/${seeds.letter.id}}`);
    expect(content).toContain('year = {2017}');
  });

  it('RIS: every value on one line (no cut inside a word), one record per document', () => {
    const { content } = formatCitationFile([letter, article], 'ris');
    expect(content.match(/^TY {2}- /gm)).toHaveLength(2);
    expect(content.match(/^ER {2}- /gm)).toHaveLength(2);
    expect(content).toContain(
      'TI  - Organizaciones de la Sociedad Civil salen de la Alianza para el Gobierno Abierto\n',
    );
    expect(content).toContain(`UR  - archivo://doc/${seeds.article.id}\n`);
    for (const line of content.trim().split('\n')) expect(line).toMatch(/^([A-Z][A-Z0-9] {2}- ?|$)/);
  });

  it('CSL-JSON: the items as mapped, readable back', () => {
    const { content, extension } = formatCitationFile([letter], 'csl-json');
    expect(extension).toBe('json');
    expect(JSON.parse(content)).toEqual([letter]);
  });
});
