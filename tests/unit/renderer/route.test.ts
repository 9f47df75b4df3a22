import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, toSearchFilters } from '../../../src-renderer/lib/route';

describe('app state in the URL hash', () => {
  it('round-trips a search with filters and sort', () => {
    const route = parseRoute('#search?q=funci%C3%B3n+p%C3%BAblica&type=letter&year=2017&tag=Transparencia&sort=date');
    expect(route).toEqual({
      view: 'search',
      search: { query: 'función pública', filters: { type: ['letter'], year: ['2017'], tag: ['Transparencia'] }, sort: 'date' },
    });
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('reads the links the importer writes between documents (#doc/<id>)', () => {
    expect(parseRoute('#doc/3c4cb6e498c0c639')).toEqual({ view: 'doc', id: '3c4cb6e498c0c639', search: { query: '', filters: {}, sort: 'relevance' } });
    expect(formatRoute({ view: 'doc', id: '3c4cb6e498c0c639', search: { query: 'espionaje', filters: {}, sort: 'relevance' } })).toBe(
      '#doc/3c4cb6e498c0c639?q=espionaje',
    );
  });

  it('treats malformed or hostile hashes as the library', () => {
    expect(parseRoute('#doc/../../etc/passwd').view).toBe('search');
    expect(parseRoute('#doc/ZZZZ').view).toBe('search');
    expect(parseRoute('').search).toEqual({ query: '', filters: {}, sort: 'relevance' });
    expect(parseRoute('#search?sort=evil').search.sort).toBe('relevance');
  });

  it('turns facet selections into SearchFilters, dropping values the contract cannot carry', () => {
    expect(toSearchFilters({ type: ['letter', 'poem'], year: ['2017', 'abc'], author: ['Artículo 19'] })).toEqual({
      type: ['letter'],
      year: [2017],
      author: ['Artículo 19'],
    });
  });
});
