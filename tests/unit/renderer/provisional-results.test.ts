import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../src-main/common/types';
import { narrowShownHits } from '../../../src-renderer/app/provisional-results';

function hit(id: string, title: string, snippet: string, authors: string[] = []): SearchHit {
  return {
    id,
    title,
    snippet,
    authors,
    signatories: [],
    type: 'article',
    date: '2017-06-19',
    score: 1,
    matches: 1,
  } as Partial<SearchHit> as SearchHit;
}

const shown = [
  hit('a', 'Gobierno espía a periodistas', 'El <mark>gobierno</mark> compró Pegasus'),
  hit('b', 'Carta a la Secretaría', 'La <mark>gobernanza</mark> de internet &amp; la sociedad civil'),
  hit('c', 'Transparencia', 'Acceso a la información', ['Gobierno Abierto MX']),
];

describe('the provisional list while a longer query is on its way', () => {
  it('keeps the rows shown that hold the word typed further, accents folded', () => {
    expect(narrowShownHits('gobier', 'gobiern', shown)?.map((h) => h.id)).toEqual(['a', 'c']);
    expect(narrowShownHits('gober', 'gobernánza', shown)?.map((h) => h.id)).toEqual(['b']);
    expect(narrowShownHits('gobierno', 'gobierno soc', shown)?.map((h) => h.id)).toEqual([]);
  });

  it('shows nothing early when the query is not the shown one extended with plain words', () => {
    expect(narrowShownHits('gobierno', 'gobiern', shown)).toBeNull();
    expect(narrowShownHits('', 'gobierno', shown)).toBeNull();
    expect(narrowShownHits('gobierno', 'gobierno', shown)).toBeNull();
    expect(narrowShownHits('gobier', 'gobier*', shown)).toBeNull();
    expect(narrowShownHits('"gobierno', '"gobierno a"', shown)).toBeNull();
    expect(narrowShownHits('gobierno', 'gobierno -pegasus', shown)).toBeNull();
  });
});
