import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../src-renderer/lib/route';
import { searchHref, searchParamsOf } from '../../../src-renderer/collect/search-params';
import { locatePassage } from '../../../src-renderer/reader/reading-position';

describe('collection permalinks', () => {
  it('#collection/<id> opens that collection and formats back to the same hash', () => {
    const route = parseRoute('#collection/3F2504E0-4F89-41D3-9A0C-0305E82C3301');
    expect(route).toEqual({
      view: 'collection',
      id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      search: { query: '', filters: {}, sort: 'relevance' },
    });
    expect(formatRoute(route)).toBe('#collection/3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    expect(parseRoute('#collections').view).toBe('collections');
  });

  it('treats a collection hash without a UUID as the library', () => {
    expect(parseRoute('#collection/../../etc').view).toBe('search');
    expect(parseRoute('#collection/').view).toBe('search');
  });
});

describe('saved searches as URL parameters', () => {
  it('keep query, facets and sort, and give them back', () => {
    const search = {
      query: 'datos abiertos',
      filters: { type: ['article'], year: ['2016', '2017'] },
      sort: 'date' as const,
    };
    const params = searchParamsOf(search);
    expect(params).toBe('q=datos+abiertos&type=article&year=2016&year=2017&sort=date');
    expect(parseRoute(searchHref(params)).search).toEqual(search);
    expect(searchHref(params)).toBe(`#search?${params}`);
    expect(searchHref('')).toBe('#search');
  });
});

describe('reading positions anchored to text', () => {
  const text =
    'Primer párrafo.\n\nPara ambos investigadores, la desigualdad. Otro párrafo: Para ambos investigadores, otra vez.';

  it('keeps the offset while the words are still there', () => {
    const start = text.indexOf('Para ambos');
    expect(locatePassage(text, { start, quote: 'Para ambos investigadores' })).toBe(start);
  });

  it('finds the nearest copy of the words when the text moved', () => {
    const edited = `Un párrafo nuevo al principio.\n\n${text}`;
    const second = text.lastIndexOf('Para ambos');
    expect(locatePassage(edited, { start: second, quote: 'Para ambos investigadores, otra' })).toBe(
      edited.lastIndexOf('Para ambos'),
    );
    expect(locatePassage(edited, { start: 5, quote: 'palabras que ya no están' })).toBeNull();
  });
});
