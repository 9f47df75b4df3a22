import type { ServeProcess } from '../support/serve-process';
import { expect, test } from './own-server';

/**
 * The first rows a phone sees: the page's entry draws the first page of the URL's search as soon
 * as its answer is in, before the app's chunk (React and the views) has arrived and run
 * (src-renderer/first-paint/early-results.ts); the app's first render then replaces them.
 */

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'es-ES' } as const;
/** The first hit for "sismos" in the site's corpus, by relevance. */
const FIRST_HIT = /^#Epicentro dará seguimiento a la reconstrucción tras los sismos del 7 y 19 de septiembre$/;

let server: ServeProcess;

// The worker's read-only server on the site's corpus (./own-server.ts): this spec only reads.
test.beforeAll(({ gobiernofacilServer }) => {
  server = gobiernofacilServer;
});

test.use(phone);

test('with the app still on its way, the first rows are listed and link to their documents', async ({
  page,
  allowOrigin,
}) => {
  allowOrigin(server.url);
  // Held back for good: only what the entry draws can be on the page.
  await page.route('**/assets/start-app-*.js', (route) => route.abort());
  await page.goto(`${server.url}#search?q=sismos`);
  const row = page.locator('.early-results [role="listbox"] [role="option"]').first();
  await expect(row.locator('.result-title')).toHaveText(FIRST_HIT);
  await expect(row).toHaveAttribute('href', /^#doc\/[0-9a-f]{16}\?q=sismos$/);
  await expect(page.locator('.early-results [role="option"]')).toHaveCount(2);
  await expect(row.locator('.result-snippet mark').first()).toHaveText(/sismos/i);
  await expect(page.getByRole('status')).toHaveText('Abriendo el archivo…');
  // The header and its search box are the app's: not there yet.
  await expect(page.getByRole('searchbox')).toHaveCount(0);
});

test("the app's first render replaces the early rows with its own list of the same answer", async ({
  page,
  allowOrigin,
}) => {
  allowOrigin(server.url);
  await page.goto(`${server.url}#search?q=sismos`);
  await expect(page.locator('#results [role="option"] .result-title').first()).toHaveText(FIRST_HIT);
  await expect(page.locator('.early-results')).toHaveCount(0);
  await expect(page.getByRole('searchbox', { name: /^Buscar$/ })).toHaveValue('sismos');
});
