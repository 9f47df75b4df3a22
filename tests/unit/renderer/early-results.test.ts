// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { SearchHit, SearchResponse } from '../../../src-main/common/types';
import { showEarlyResults } from '../../../src-renderer/first-paint/early-results';
import { es } from '../../../src-renderer/i18n/es';
import { parseRoute } from '../../../src-renderer/lib/route';

function hit(overrides: Partial<SearchHit>): SearchHit {
  return {
    id: 'carta-2017',
    type: 'letter',
    title: 'Carta abierta sobre el espionaje',
    date: '2017-06-19',
    place: 'Ciudad de México',
    authors: [],
    signatories: ['R3D'],
    addressee: null,
    category: null,
    tags: [],
    description: null,
    words: 900,
    score: 1,
    snippet: 'el <mark>espionaje</mark> contra periodistas',
    matches: 3,
    ...overrides,
  };
}

function response(hits: SearchHit[]): SearchResponse {
  const none = { type: [], category: [], tag: [], author: [], year: [] };
  return { total: 42, hits, facets: none, notice: null, terms: ['espionaj'], phrases: [] };
}

describe('the rows the entry draws before the app has run', () => {
  const search = parseRoute('#search?q=espionaje').search;

  it('lists each hit as an option linking to its document, with its type, title, date and snippet', () => {
    const root = document.createElement('div');
    showEarlyResults(root, search, response([hit({})]), es, 'es');
    const option = root.querySelector('[role="listbox"] [role="option"]');
    expect(option?.getAttribute('href')).toBe('#doc/carta-2017?q=espionaje');
    expect(option?.getAttribute('aria-setsize')).toBe('42');
    expect(option?.querySelector('.type-badge')?.textContent).toBe('Carta');
    expect(option?.querySelector('.result-title')?.textContent).toBe('Carta abierta sobre el espionaje');
    expect(option?.querySelector('.result-date')?.textContent).toBe('19 de junio de 2017');
    expect(option?.querySelector('.result-snippet mark')?.textContent).toBe('espionaje');
    expect(root.querySelector('[role="status"]')?.textContent).toBe(es.app.loading);
  });

  it('keeps only the text and marks of a snippet: markup smuggled into it stays text', () => {
    const root = document.createElement('div');
    showEarlyResults(
      root,
      search,
      response([hit({ snippet: 'a <img src=x onerror="alert(1)"><b>b</b> &lt;i&gt;' })]),
      es,
      'es',
    );
    const snippet = root.querySelector('.result-snippet');
    expect(snippet?.querySelector('img, b, i')).toBeNull();
    expect(snippet?.textContent).toBe('a b <i>');
  });

  it('draws nothing once the app has rendered into the root, or for an empty answer', () => {
    const rendered = document.createElement('div');
    rendered.append(document.createElement('header'));
    showEarlyResults(rendered, search, response([hit({})]), es, 'es');
    expect(rendered.querySelector('[role="option"]')).toBeNull();
    const empty = document.createElement('div');
    showEarlyResults(empty, search, response([]), es, 'es');
    expect(empty.childElementCount).toBe(0);
  });
});
