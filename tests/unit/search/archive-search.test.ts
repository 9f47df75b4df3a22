import lunr from 'lunr';
import { describe, expect, it, vi } from 'vitest';
import { openArchive, type Archive } from '../../../src-main/core/store/archive';
import type { SearchResponse } from '../../../src-main/common/types';
import { buildSearchIndexWithLunr } from '../../support/reference-index';
import { withRealCorpus, type BuiltCorpus } from './real-corpus';

let built: BuiltCorpus;
let archive: Archive;

withRealCorpus(openArchive, (corpus, opened) => {
  built = corpus;
  archive = opened;
});

const ids = (response: SearchResponse): string[] => response.hits.map((hit) => hit.id);
const everything = (query: string, extra: object = {}): SearchResponse =>
  archive.search({ query, limit: 1000, ...extra });

describe('search over the seeds and the gobiernofacil site', () => {
  it('finds both seed documents for "espionaje"', () => {
    const response = everything('espionaje');
    expect(ids(response)).toEqual(expect.arrayContaining([built.letter.id, built.seedArticle.id]));
    // Every hit really talks about it (stemmed or not).
    for (const hit of response.hits) expect(hit.matches).toBeGreaterThan(0);
    expect(response.terms).toContain('espionaj');
  });

  it('finds the letter for "funcion publica" typed without accents', () => {
    const response = everything('funcion publica');
    expect(ids(response)).toContain(built.letter.id);
    const letterHit = response.hits.find((hit) => hit.id === built.letter.id);
    expect(letterHit?.snippet).toContain('<mark>Función</mark> <mark>Pública</mark>');
  });

  it('finds the phrase "Ejecutivo Federal" only in documents that contain it', () => {
    const response = everything('"Ejecutivo Federal"');
    expect(ids(response)).toContain(built.letter.id);
    expect(response.phrases).toEqual(['Ejecutivo Federal']);
    const withPhrase = built.imported.documents
      .filter((document) => /ejecutivo\s+federal/i.test(document.text))
      .map((document) => document.id)
      .sort();
    expect([...ids(response)].sort()).toEqual(withPhrase);
    const letterHit = response.hits.find((hit) => hit.id === built.letter.id);
    expect(letterHit?.snippet).toContain('<mark>Ejecutivo Federal</mark>');
  });

  it('isolates the letter with type:letter and with the type filter', () => {
    expect(ids(everything('type:letter'))).toEqual([built.letter.id]);
    expect(ids(everything('', { filters: { type: ['letter'] } }))).toEqual([built.letter.id]);
    expect(ids(everything('espionaje type:letter'))).toEqual([built.letter.id]);
    expect(ids(everything('espionaje -type:letter'))).not.toContain(built.letter.id);
  });

  it('treats México and mexico alike', () => {
    const accented = everything('México');
    expect(accented.total).toBeGreaterThan(5);
    expect(ids(everything('mexico'))).toEqual(ids(accented));
    expect(ids(everything('MEXICO'))).toEqual(ids(accented));
  });

  it('keeps año and ano apart', () => {
    const year = everything('año');
    expect(year.total).toBeGreaterThan(0);
    expect(year.hits[0]?.snippet).toMatch(/<mark>año<\/mark>/i);
    expect(everything('ano').total).toBe(0);
  });

  it('marks a stemmed match in the snippet: espiar finds "espiados" in the seed article', () => {
    const response = everything('espiar');
    expect(ids(response)).toContain(built.seedArticle.id);
    const hit = response.hits.find((candidate) => candidate.id === built.seedArticle.id);
    expect(hit?.snippet).toContain('<mark>espiados</mark>');
    expect(hit?.snippet.length).toBeLessThan(260);
  });

  it('counts facets over all matches, equal to the numbers of matching documents', () => {
    const response = archive.search({ query: 'transparencia', limit: 3 });
    expect(response.hits).toHaveLength(3);
    const all = everything('transparencia');
    expect(all.total).toBe(response.total);
    const sum = (name: 'type' | 'year'): number =>
      response.facets[name].reduce((total, facet) => total + facet.count, 0);
    expect(sum('type')).toBe(response.total);
    for (const facet of response.facets.year) {
      expect(facet.count).toBe(all.hits.filter((hit) => hit.date?.startsWith(facet.value)).length);
      // And the filter for that value returns exactly that many.
      expect(archive.search({ query: 'transparencia', filters: { year: [Number(facet.value)] } }).total).toBe(
        facet.count,
      );
    }
    for (const facet of response.facets.category) {
      expect(archive.search({ query: 'transparencia', filters: { category: [facet.value] } }).total).toBe(facet.count);
    }
    const counts = response.facets.tag.map((facet) => facet.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('lists everything newest first for an empty query or *, undated documents last', () => {
    const all = everything('');
    expect(all.total).toBe(built.imported.documents.length);
    expect(ids(everything('*'))).toEqual(ids(all));
    const dates = all.hits.map((hit) => hit.date);
    const dated = dates.filter((date): date is string => date !== null);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(dates.indexOf(null)).toBe(dated.length); // all nulls at the end
    expect(all.hits.at(-1)?.id).toBe(built.seedArticle.id); // the seed article has no date
    expect(all.hits[0]?.date).toBe('2018-04-03');
  });

  it('sorts matches by date on request', () => {
    const response = everything('gobierno abierto', { sort: 'date' });
    const dated = response.hits.map((hit) => hit.date).filter((date): date is string => date !== null);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(response.hits.at(-1)?.date).toBeNull();
  });

  it('pages with offset and limit (default 20) without losing or repeating hits', () => {
    const all = everything('');
    expect(archive.search({ query: '' }).hits).toHaveLength(20);
    const pages = [0, 10, 20].flatMap((offset) => ids(archive.search({ query: '', offset, limit: 10 })));
    expect(pages).toEqual(ids(all));
    expect(archive.search({ query: '', offset: 500 }).hits).toEqual([]);
  });

  it('filters by date range, excluding undated documents', () => {
    const response = everything('', { filters: { from: '2017-05', to: '2017-05-31' } });
    expect(response.hits.map((hit) => hit.date)).toEqual([
      '2017-05-30',
      '2017-05-24',
      '2017-05-23',
      '2017-05-03',
      '2017-05-01',
    ]);
    expect(ids(response)).not.toContain(built.seedArticle.id);
    expect(everything('', { filters: { to: '2014' } }).hits.map((hit) => hit.date)).toEqual([
      '2014-12-30',
      '2014-12-05',
    ]);
  });

  it('filters by author (signatories count) and tag, ignoring case and accents', () => {
    const byAuthor = everything('', { filters: { author: ['articulo 19'] } });
    expect(ids(byAuthor)).toEqual([built.letter.id]);
    const byTag = everything('', { filters: { tag: ['dataviz'] } });
    expect(byTag.total).toBe(3);
    for (const hit of byTag.hits) expect(hit.tags.map((tag) => tag.toLowerCase())).toContain('dataviz');
  });

  it('searches fields by name, with tag: and tags: as aliases', () => {
    const titled = everything('title:epicentro');
    expect(titled.total).toBe(2);
    for (const hit of titled.hits) expect(hit.title).toMatch(/#Epicentro/);
    expect(ids(everything('tag:dataviz'))).toEqual(ids(everything('tags:dataviz')));
    expect(ids(everything('author:padilla')).length).toBe(5);
  });

  it.each([
    ['título:epicentro', 'title:epicentro'],
    ['TITULO:epicentro', 'title:epicentro'],
    ['autor:padilla', 'author:padilla'],
    ['firmante:padilla', 'author:padilla'],
    ['etiqueta:dataviz', 'tag:dataviz'],
    ['categoría:transparencia', 'category:transparencia'],
    ['descripción:datos', 'description:datos'],
    ['texto:espionaje', 'body:espionaje'],
    ['tipo:carta', 'type:letter'],
    ['espionaje -tipo:cartas', 'espionaje -type:letter'],
  ])('reads the Spanish field name in %j as %j', (spanish, english) => {
    const response = everything(spanish);
    expect(response.notice).toBeNull();
    expect(response.total).toBeGreaterThan(0);
    expect(ids(response)).toEqual(ids(everything(english)));
  });

  it('names the fields in both languages when one is unknown', () => {
    expect(everything('fecha:2017').notice?.message).toContain(
      'unknown field "fecha" (fields: title/título, author/autor, tag/etiqueta, category/categoría, description/descripción, body/texto, type/tipo)',
    );
  });

  it('supports required, excluded, wildcard and fuzzy terms', () => {
    const required = everything('+espionaje +salud');
    expect(required.total).toBeGreaterThan(0);
    const excluded = everything('espionaje -carta');
    for (const hit of excluded.hits) expect(hit.title.toLowerCase()).not.toContain('carta');
    expect(ids(everything('espion*'))).toEqual(expect.arrayContaining([built.letter.id, built.seedArticle.id]));
    expect(ids(everything('espionage~1'))).toEqual(expect.arrayContaining([built.letter.id]));
  });

  it.each(['title:', '~', 'foo^', 'foo:bar', '"Ejecutivo Federal', 'type:memo espionaje', '^2', '+'])(
    'answers the malformed query %j with a literal-fallback notice instead of throwing',
    (query) => {
      const response = archive.search({ query });
      expect(response.notice?.code).toBe('literal-fallback');
      expect(response.notice?.message).toMatch(/searched literally/);
    },
  );

  it('still finds documents for a malformed query by its words', () => {
    const response = archive.search({ query: '"Ejecutivo Federal' });
    expect(ids(response)).toContain(built.letter.id);
    expect(ids(archive.search({ query: 'espionaje:' }))).toEqual(expect.arrayContaining([built.letter.id]));
  });

  it('cuts a query of 100,000+ characters with a query-truncated notice, quickly', () => {
    const long = `espionaje ${'x'.repeat(100_001)}`;
    const started = performance.now();
    const response = archive.search({ query: long, match: 'any' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(response.notice?.code).toBe('query-truncated');
    expect(ids(response)).toContain(built.letter.id);
    const manyWords = Array.from({ length: 500 }, (_, i) => `palabra${i}`).join(' ');
    expect(archive.search({ query: manyWords }).notice?.code).toBe('query-truncated');
  });

  it('survives a huge edit distance (Lunr alone runs out of memory on ~100)', () => {
    const response = archive.search({ query: 'espionaje~100' });
    expect(ids(response)).toContain(built.letter.id);
  });

  it('stops at its deadline with what it has and a search-deadline notice, and does not keep that answer', () => {
    const query = 'transparencia "gobierno abierto" datos';
    // A deadline already past: no clause is expanded, nothing is checked, no snippet is made.
    const stopped = archive.search({ query, limit: 1000 }, { deadline: performance.now() - 1 });
    expect(stopped.notice?.code).toBe('search-deadline');
    expect(stopped.notice?.message).toContain('longer than one search may run');
    expect(stopped.total).toBe(0);
    // The partial answer was not kept: the same query without a deadline is whole.
    const full = everything(query);
    expect(full.notice).toBeNull();
    expect(full.total).toBeGreaterThan(0);
    // With its matches known (kept from the run above), a past deadline still skips the snippets.
    const late = archive.search({ query, limit: 1000 }, { deadline: performance.now() - 1 });
    expect(late.total).toBe(full.total);
    expect(late.notice?.code).toBe('search-deadline');
    for (const hit of late.hits) expect(hit.snippet).toBe('');
  });

  it('returns nothing for a query made only of stop words', () => {
    expect(archive.search({ query: 'de la que' }).total).toBe(0);
  });

  it('loads the stored index without rebuilding it', () => {
    const build = vi.spyOn(lunr.Builder.prototype, 'build');
    const add = vi.spyOn(lunr.Builder.prototype, 'add');
    const again = openArchive(built.file);
    expect(again.search({ query: 'espionaje' }).total).toBe(everything('espionaje').total);
    again.close();
    expect(build).not.toHaveBeenCalled();
    expect(add).not.toHaveBeenCalled();
    // Positive control: the spies do see a build when one happens.
    buildSearchIndexWithLunr([built.letter]);
    expect(build).toHaveBeenCalledTimes(1);
    build.mockRestore();
    add.mockRestore();
  });

  it('serves whole documents by id and null for unknown ids', () => {
    const letter = archive.getDocument(built.letter.id);
    expect(letter?.type).toBe('letter');
    expect(letter?.place).toBe(built.letter.place);
    expect(letter?.html).toBe(built.letter.html);
    expect(archive.getDocument('0123456789abcdef')).toBeNull();
    expect(archive.info.documentCount).toBe(built.imported.documents.length);
  });
});
