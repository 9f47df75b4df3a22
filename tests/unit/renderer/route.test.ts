import { describe, expect, it } from 'vitest';
import {
  formatRoute,
  isDateBound,
  parseRoute,
  searchFiltersOf,
  toSearchFilters,
} from '../../../src-renderer/lib/route';

describe('app state in the URL hash', () => {
  it('round-trips a search with filters and sort', () => {
    const route = parseRoute('#search?q=funci%C3%B3n+p%C3%BAblica&type=letter&year=2017&tag=Transparencia&sort=date');
    expect(route).toEqual({
      view: 'search',
      search: {
        query: 'función pública',
        filters: { type: ['letter'], year: ['2017'], tag: ['Transparencia'] },
        sort: 'date',
      },
    });
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('has a Notes view and opens a document at an annotation (#doc/<id>?a=<uuid>), ignoring a malformed id', () => {
    expect(parseRoute('#notes')).toEqual({ view: 'notes', search: { query: '', filters: {}, sort: 'relevance' } });
    const focused = parseRoute('#doc/3c4cb6e498c0c639?a=0b5d2c8e-4a7f-4e4b-9d2a-1c3e5f7a9b0d');
    expect(focused).toMatchObject({
      view: 'doc',
      id: '3c4cb6e498c0c639',
      focus: '0b5d2c8e-4a7f-4e4b-9d2a-1c3e5f7a9b0d',
    });
    expect(parseRoute(formatRoute(focused))).toEqual(focused);
    expect(parseRoute('#doc/3c4cb6e498c0c639?a=%3Cscript%3E')).not.toHaveProperty('focus');
  });

  it('reads the links the importer writes between documents (#doc/<id>)', () => {
    expect(parseRoute('#doc/3c4cb6e498c0c639')).toEqual({
      view: 'doc',
      id: '3c4cb6e498c0c639',
      search: { query: '', filters: {}, sort: 'relevance' },
    });
    expect(
      formatRoute({
        view: 'doc',
        id: '3c4cb6e498c0c639',
        search: { query: 'espionaje', filters: {}, sort: 'relevance' },
      }),
    ).toBe('#doc/3c4cb6e498c0c639?q=espionaje');
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

  it('keeps word matching, a date range and oldest-first order in the URL, ignoring impossible dates', () => {
    const route = parseRoute('#search?q=datos+abiertos&match=any&from=2016-03&to=2017&sort=oldest&year=2016');
    expect(route).toEqual({
      view: 'search',
      search: {
        query: 'datos abiertos',
        filters: { year: ['2016'] },
        sort: 'oldest',
        match: 'any',
        from: '2016-03',
        to: '2017',
      },
    });
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(searchFiltersOf(route.search)).toEqual({ year: [2016], from: '2016-03', to: '2017' });
    // Every word is the default and stays out of the URL; a date that cannot exist is dropped.
    expect(parseRoute('#search?q=x&match=all&from=2017-02-30&to=2017-13')).toEqual({
      view: 'search',
      search: { query: 'x', filters: {}, sort: 'relevance' },
    });
    expect(['2016', '2016-02', '2016-02-29'].map(isDateBound)).toEqual([true, true, true]);
    expect(['2017-02-29', '16', '2016-2', '2016-00'].map(isDateBound)).toEqual([false, false, false, false]);
  });
});
