import type { Page, Request } from '@playwright/test';
import type { ServeProcess } from '../support/serve-process';
import { expect, test } from './own-server';

/**
 * Typing on a phone: where the facets wait in a closed sheet, a keystroke's search first asks for
 * the rows one screen shows without facets, then for the whole first page with them
 * (src-renderer/app/search-request.ts, use-search-results.ts). A wide screen asks for the page at once.
 */

let server: ServeProcess;

// The worker's read-only server on the site's corpus (./own-server.ts): this spec only reads.
test.beforeAll(({ gobiernofacilServer }) => {
  server = gobiernofacilServer;
});

/** A search request's argument: from its query string (a GET, each field JSON) or its POST body. */
function searchRequestOf(request: Request): unknown {
  if (request.method() !== 'GET') return request.postDataJSON();
  const fields = [...new URL(request.url()).searchParams].map(([name, value]): [string, unknown] => [
    name,
    JSON.parse(value),
  ]);
  return Object.fromEntries(fields);
}

/** The search requests the page sends for `query`, in order. */
function recordSearches(page: Page, query: string): Request[] {
  const sent: Request[] = [];
  page.on('request', (request) => {
    if (!new URL(request.url()).pathname.endsWith('/api/search')) return;
    const body = searchRequestOf(request);
    if (typeof body === 'object' && body !== null && 'query' in body && body.query === query) sent.push(request);
  });
  return sent;
}

async function typeQuery(page: Page, query: string): Promise<void> {
  await page.goto(server.url);
  const box = page.getByRole('searchbox', { name: /^Buscar$/ });
  await expect(box).toBeEnabled();
  await expect(page.locator('#results')).toHaveAttribute('data-results-key', '#search');
  await box.fill(query);
}

test.describe('on a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'es-ES' });

  test('a keystroke lists the first screen without facets, then the whole page with them', async ({
    page,
    allowOrigin,
  }) => {
    allowOrigin(server.url);
    const searches = recordSearches(page, 'gobierno');
    await typeQuery(page, 'gobierno');
    await expect(page.locator('#results')).toHaveAttribute('data-rows-key', '#search?q=gobierno');
    await expect(page.locator('#results')).toHaveAttribute('data-results-key', '#search?q=gobierno');
    // GETs with no body and no header of the app's: the smallest request a keystroke can send.
    expect(searches.map((request) => request.method())).toEqual(['GET', 'GET']);
    expect(searches.map((request) => request.headers()['content-type'])).toEqual([undefined, undefined]);
    expect(searches.map(searchRequestOf)).toEqual([
      // 844 px / 176 px per row: five rows fill the screen.
      { query: 'gobierno', filters: {}, sort: 'relevance', match: 'all', offset: 0, limit: 5, facets: false },
      { query: 'gobierno', filters: {}, sort: 'relevance', match: 'all', offset: 0, limit: 15 },
    ]);
    const [rowsOnly, whole] = await Promise.all(
      searches.map(async (request) => (await request.response())?.json() as Promise<Record<string, unknown>>),
    );
    expect(rowsOnly?.facets).toEqual({ type: [], category: [], tag: [], author: [], year: [] });
    expect((rowsOnly?.hits as unknown[]).length).toBe(5);
    expect(rowsOnly?.total).toBe(whole?.total);
    // The whole answer's facets are the sheet's: the article type is counted there.
    await page.getByTestId('facets-toggle').tap();
    await expect(page.locator('#facet-panel')).toBeVisible();
    await expect(page.locator('#facet-panel')).not.toHaveAttribute('aria-busy', 'true');
    await expect(page.locator('#facet-panel').getByRole('checkbox').first()).toBeVisible();
  });
});

test.describe('on a desktop window', () => {
  test.use({ viewport: { width: 1280, height: 800 }, locale: 'es-ES' });

  test('a keystroke asks for the whole first page and its facets at once', async ({
    sharedPage: page,
    allowOrigin,
  }) => {
    allowOrigin(server.url);
    const searches = recordSearches(page, 'gobierno');
    await typeQuery(page, 'gobierno');
    await expect(page.locator('#results')).toHaveAttribute('data-results-key', '#search?q=gobierno');
    expect(searches.map((request) => request.method())).toEqual(['GET']);
    expect(searches.map(searchRequestOf)).toEqual([
      { query: 'gobierno', filters: {}, sort: 'relevance', match: 'all', offset: 0, limit: 15 },
    ]);
  });
});
