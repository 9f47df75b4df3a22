import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../../src-main/common/types';
import { KeptSearch, keptSnippet } from '../../../src-renderer/offline/kept-search';
import { documentRecordOf } from '../../support/fixtures-documents';

function record(id: string, title: string, text: string, date: string | null): DocumentRecord {
  return documentRecordOf(id, text, { title, date });
}

const kept = new KeptSearch();
kept.add(record('a', 'Espionaje en México', 'El año pasado se documentó el espionaje a periodistas.', '2017-06-19'));
kept.add(record('b', 'Presupuesto', 'Un ano de datos abiertos y la transparencia presupuestaria.', '2018-01-02'));
kept.add(record('c', 'Sin fecha', 'Periodistas y sociedad civil.', null));

describe('KeptSearch (offline search over the documents a tab kept)', () => {
  it('folds accents like the archive: mexico finds México, in the title', () => {
    const response = kept.search({ query: 'mexico' });
    expect(response.hits.map((hit) => hit.id)).toEqual(['a']);
    expect(response.hits[0]).not.toHaveProperty('text');
  });

  it('keeps ñ: año is not ano', () => {
    expect(kept.search({ query: 'año' }).hits.map((hit) => hit.id)).toEqual(['a']);
    expect(kept.search({ query: 'ano' }).hits.map((hit) => hit.id)).toEqual(['b']);
  });

  it('requires every word and reads Lunr syntax as plain words', () => {
    expect(kept.search({ query: 'periodistas civil' }).hits.map((hit) => hit.id)).toEqual(['c']);
    expect(kept.search({ query: '+title:espionaje' }).hits.map((hit) => hit.id)).toEqual(['a']);
    // A Spanish field name with an accent is a field name too, not the word "tí" plus a field.
    expect(kept.search({ query: 'título:espionaje' }).hits.map((hit) => hit.id)).toEqual(['a']);
  });

  it('marks the matched words in an HTML-escaped snippet', () => {
    const [hit] = kept.search({ query: 'periodistas' }).hits.filter((h) => h.id === 'a');
    expect(hit?.snippet).toBe('El año pasado se documentó el espionaje a <mark>periodistas</mark>.');
    expect(keptSnippet('a < b y <c> datos', new Set(['datos'])).snippet).toBe(
      'a &lt; b y &lt;c&gt; <mark>datos</mark>',
    );
  });

  it('lists every kept document newest first for the empty query, undated last', () => {
    const response = kept.search({ query: '', limit: 2 });
    expect(response.total).toBe(3);
    expect(response.hits.map((hit) => hit.id)).toEqual(['b', 'a']);
  });

  it('replaces an older copy of a document instead of listing it twice', () => {
    const search = new KeptSearch();
    search.add(record('x', 'Uno', 'vigilancia', null));
    search.add(record('x', 'Uno', 'vigilancia masiva', null));
    expect(search.search({ query: 'vigilancia' }).total).toBe(1);
    expect(search.search({ query: 'masiva' }).total).toBe(1);
  });
});
