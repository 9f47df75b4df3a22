import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, manyDocuments, manyUrl, seedsUrl, siteUrl, test } from './fixtures';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
mkdirSync(screenshots, { recursive: true });

const searchBox = (page: Page) => page.getByRole('searchbox', { name: /^(Buscar|Search)$/ });
const results = (page: Page) => page.getByRole('listbox');
const options = (page: Page) => page.getByRole('listbox').getByRole('option');

async function search(page: Page, query: string): Promise<void> {
  await searchBox(page).fill(query);
  const route = `#search\\?q=${encodeURIComponent(query).replace(/%20/g, '\\+')}`;
  await expect(page).toHaveURL(new RegExp(route));
  // The whole answer to this query is on screen: until then the list may still show the previous
  // query's rows (a shared page), and a click on one of them races with its replacement.
  await expect(page.locator('#results')).toHaveAttribute('data-results-key', new RegExp(`${route}(&|$)`));
}

async function openApp(page: Page, base: string, hash = ''): Promise<void> {
  await page.goto(base + hash);
  await expect(searchBox(page)).toBeEnabled();
}

test.describe('seed corpus', () => {
  test('espionaje finds both seed documents with highlighted snippets', async ({ sharedPage: page }) => {
    await openApp(page, seedsUrl());
    await search(page, 'espionaje');
    await expect(page.getByTestId('result-count')).toHaveText('2 resultados');
    await expect(options(page)).toHaveCount(2);
    const badges = options(page).locator('.type-badge');
    expect((await badges.allTextContents()).sort()).toEqual(['Artículo', 'Carta']);
    for (const option of await options(page).all()) {
      await expect(option.locator('.result-snippet mark').first()).toHaveText(/^espionaje$/i);
    }
    await expect(page.getByTestId('live-count')).toHaveText('2 resultados para «espionaje»');
    await page.screenshot({ path: path.join(screenshots, 'search-results.png') });
  });

  test('"funcion publica" (no accents) finds the letter first', async ({ sharedPage: page }) => {
    await openApp(page, seedsUrl());
    await search(page, 'funcion publica');
    const first = options(page).first();
    await expect(first.locator('.type-badge')).toHaveText('Carta');
    await expect(first.locator('.result-title')).toContainText('Carta a Organizaciones de la Sociedad Civil');
    await expect(first.locator('.result-snippet mark').first()).toHaveText(/Función|Pública/);
  });

  test('the letter shows its date, place, ten signatories and two-way footnotes', async ({ sharedPage: page }) => {
    await openApp(page, seedsUrl());
    await search(page, 'espionaje');
    await options(page).filter({ hasText: 'Carta' }).click();
    await expect(page).toHaveURL(/#doc\/[0-9a-f]{16}\?q=espionaje/);
    const docUrl = page.url();
    await expect(page.getByTestId('meta-date')).toContainText('23 de mayo de 2017');
    await expect(page.getByTestId('meta-place')).toContainText('Ciudad de México');
    await expect(page.getByTestId('signatories').locator('li')).toHaveCount(10);
    await expect(page.getByTestId('signatories')).toContainText('Artículo 19');
    await expect(page.getByTestId('signatories')).toContainText('Transparencia Mexicana');
    await page.screenshot({ path: path.join(screenshots, 'reader.png') });

    // Text size: A+ enlarges the text and is remembered across reloads.
    const fontSize = () =>
      page.locator('article.document').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    const before = await fontSize();
    await page.getByRole('button', { name: 'Texto más grande' }).click();
    await expect.poll(fontSize).toBeGreaterThan(before);
    const larger = await fontSize();
    await page.reload();
    await expect.poll(fontSize).toBe(larger);

    // Search words are highlighted in the text, with a hit counter and next/previous.
    const hits = page.locator('.document-body mark.hit');
    const hitCount = await hits.count();
    expect(hitCount).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('hit-counter')).toHaveText(`– de ${hitCount}`);
    await page.getByRole('button', { name: 'Coincidencia siguiente' }).click();
    await expect(page.getByTestId('hit-counter')).toHaveText(`1 de ${hitCount}`);
    await expect(page.locator('.document-body mark.hit.current')).toHaveCount(1);

    const reference = page.locator('.document-body a[data-footnote-ref]').first();
    const definition = page.locator('.document-body li[id$="fn-1"]');
    await reference.click();
    await expect(definition).toBeInViewport();
    await expect(definition).toContainText('CitizenLab');
    await definition.locator('a[data-footnote-backref]').click();
    await expect(reference).toBeInViewport();
    // Footnote jumps scroll inside the reader; the app's location never changes.
    expect(page.url()).toBe(docUrl);
  });

  test('a type facet narrows the library and its count matches the list', async ({ sharedPage: page }) => {
    await openApp(page, seedsUrl());
    await expect(page.getByTestId('result-count')).toHaveText('2 documentos');
    const letter = page.locator('[data-facet="type"] label').filter({ hasText: 'Carta' });
    const count = Number(await letter.locator('.facet-count').textContent());
    expect(count).toBe(1);
    await letter.locator('input').check();
    await expect(page).toHaveURL(/type=letter/);
    await expect(page.getByTestId('result-count')).toHaveText('1 documento');
    await expect(options(page)).toHaveCount(count);
    await expect(options(page).first().locator('.type-badge')).toHaveText('Carta');
  });

  test('keyboard only: search, open, read, back to the same result', async ({ sharedPage: page }) => {
    await openApp(page, seedsUrl());
    await expect(searchBox(page)).toBeFocused();
    await page.keyboard.type('gobierno abierto');
    await expect(options(page)).toHaveCount(2);
    await page.keyboard.press('ArrowDown');
    await expect(results(page)).toBeFocused();
    await expect(options(page).nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(options(page).nth(1)).toHaveAttribute('aria-selected', 'true');
    const title = (await options(page).nth(1).locator('.result-title').textContent()) ?? '';
    await page.keyboard.press('Enter');
    await expect(page.locator('.document-title')).toHaveText(title);
    await page.keyboard.press('Control+f');
    await expect(page.getByRole('searchbox', { name: 'Buscar en este documento' })).toBeFocused();
    await page.keyboard.type('sociedad civil');
    await expect(page.getByTestId('find-status')).toHaveText(/^– de \d+$/);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('find-status')).toHaveText(/^1 de \d+$/);
    await page.keyboard.press('Escape'); // closes the find bar
    await expect(page.locator('.find-bar')).toHaveCount(0);
    await page.keyboard.press('Escape'); // back to the results
    await expect(page).toHaveURL(/#search\?q=gobierno\+abierto$/);
    await expect(results(page)).toBeFocused();
    await expect(options(page).nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('/');
    await expect(searchBox(page)).toBeFocused();
    await page.keyboard.press('Alt+ArrowLeft'); // history: back into the document
    await expect(page.locator('.document-title')).toHaveText(title);
  });

  test('a malformed query is searched literally and says so', async ({ sharedPage: page }) => {
    await openApp(page, seedsUrl());
    await search(page, 'title:');
    await expect(page.getByTestId('notice-literal')).toHaveText(
      'La sintaxis de la consulta no era válida, así que se buscaron sus palabras literalmente.',
    );
  });

  test('a query with no hits shows the syntax help', async ({ sharedPage: page }) => {
    await openApp(page, seedsUrl());
    await search(page, 'zzzqqqxxx');
    await expect(page.getByTestId('no-results')).toContainText('Ningún documento coincide con «zzzqqqxxx».');
    await expect(page.getByTestId('no-results')).toContainText('"gobierno abierto"');
  });

  test('switching to English changes the labels and is remembered', async ({ sharedPage: page }) => {
    await openApp(page, seedsUrl());
    await expect(page.getByRole('heading', { name: 'Biblioteca' })).toBeVisible();
    await page.getByTestId('language-select').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
    await expect(page.getByTestId('result-count')).toHaveText('2 documents');
    await expect(page.locator('[data-facet="type"] legend')).toHaveText('Type');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.screenshot({ path: path.join(screenshots, 'english.png') });
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
    await search(page, 'espionaje');
    await options(page).filter({ hasText: 'Letter' }).click();
    await expect(page.getByTestId('meta-date')).toContainText('May 23, 2017');
  });

  test('the dark theme applies when chosen and when the system prefers it', async ({ sharedPage: page }) => {
    await openApp(page, seedsUrl());
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(250, 248, 244)');
    await page.getByTestId('theme-select').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await background()).toBe('rgb(24, 23, 21)');
    await search(page, 'espionaje');
    await page.screenshot({ path: path.join(screenshots, 'dark-theme.png') });
    await page.getByTestId('theme-select').selectOption('system');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(24, 23, 21)');
  });

  test('the About box shows the corpus and its document count', async ({ sharedPage: page }) => {
    await openApp(page, seedsUrl());
    await page.getByRole('button', { name: 'Acerca de' }).click();
    const dialog = page.getByRole('dialog', { name: 'Acerca de este archivo' });
    await expect(dialog.getByTestId('about-corpus-name')).toHaveText('Semillas e2e');
    await expect(dialog.getByTestId('about-document-count')).toHaveText('2');
    await expect(dialog.getByTestId('about-app-version')).toHaveText(/^\d+\.\d+\.\d+/);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('an external link asks first, showing the exact URL, and opens nothing when cancelled', async ({
    sharedPage: page,
  }) => {
    await openApp(page, seedsUrl());
    await search(page, 'espionaje');
    await options(page).filter({ hasText: 'Carta' }).click();
    const link = page.locator('.document-body a.external[href^="https://citizenlab.org/"]').first();
    const href = await link.getAttribute('href');
    const popups: string[] = [];
    page.context().on('page', (popup) => popups.push(popup.url()));
    await link.click();
    const dialog = page.getByRole('dialog', { name: '¿Abrir un enlace fuera del archivo?' });
    await expect(dialog.getByTestId('external-url')).toHaveText(href ?? '');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await expect(dialog).toBeHidden();
    expect(popups).toEqual([]);
    await expect(page).toHaveURL(/#doc\//);
  });
});

test.describe('gobiernofacil site', () => {
  test('the library lists the site newest first; a year facet count matches the results', async ({
    sharedPage: page,
  }) => {
    await openApp(page, siteUrl());
    await expect(options(page).first().locator('.result-title')).toHaveText('Nota con una imagen perdida');
    await expect(options(page).first().locator('.result-date')).toHaveText('1 de junio de 2018');
    const year = page.locator('[data-facet="year"] label').filter({ hasText: '2017' });
    const count = Number(await year.locator('.facet-count').textContent());
    expect(count).toBeGreaterThan(5);
    await year.locator('input').check();
    await expect(page.getByTestId('result-count')).toHaveText(`${count} documentos`);
    await expect(results(page).locator('[aria-setsize]').first()).toHaveAttribute('aria-setsize', String(count));
    for (const date of await page.locator('.result-date').allTextContents()) expect(date).toMatch(/2017$/);
    await page.screenshot({ path: path.join(screenshots, 'library.png') });
  });

  test('a stored image renders and a missing one shows its alt text', async ({ sharedPage: page }) => {
    await openApp(page, siteUrl());
    await search(page, 'trabajo infantil');
    await options(page).filter({ hasText: 'El trabajo infantil en México' }).click();
    const image = page.locator('.document-body img[alt="Trabajo infantil en México (2016)"]');
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth))
      .toBeGreaterThan(0);
    expect(await image.getAttribute('src')).toMatch(/\/api\/assets\/[0-9a-f]{64}$/);

    await search(page, 'imagen perdida');
    await options(page).filter({ hasText: 'Nota con una imagen perdida' }).click();
    const placeholder = page.locator('.document-body .asset-placeholder');
    await expect(placeholder).toBeVisible();
    await expect(placeholder).toContainText('Gráfica de presupuesto que no existe');
    await expect(placeholder).toHaveAttribute(
      'aria-label',
      'Imagen no disponible: Gráfica de presupuesto que no existe',
    );

    // A link between documents opens inside the app, and history brings the reader back.
    const notePage = page.url();
    await page.locator('.document-body a[data-doc-id]').click();
    await expect(page.locator('.document-title')).toHaveText('Nota enlazada desde otra');
    await expect(page).toHaveURL(/#doc\/[0-9a-f]{16}\?q=imagen\+perdida$/);
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(page.locator('.document-title')).toHaveText('Nota con una imagen perdida');
    expect(page.url()).toBe(notePage);
  });
});

test.describe('a large corpus', () => {
  test('the library virtualises its rows and pages through every document', async ({ sharedPage: page }) => {
    const total = manyDocuments();
    await openApp(page, manyUrl());
    await expect(page.getByTestId('result-count')).toHaveText(`${total.toLocaleString('es-ES')} documentos`);
    const list = results(page);
    await expect(options(page).first()).toHaveAttribute('aria-setsize', String(total));
    // Only the rows on screen (plus overscan) exist in the DOM.
    expect(await options(page).count()).toBeLessThan(40);
    const positionsOnScreen = () =>
      options(page).evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('aria-posinset'))));
    let lastPosition = 0;
    for (let round = 0; round < 80 && lastPosition < total; round += 1) {
      await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      // The event, not a fixed sleep: the list has drawn rows past the last one seen (at the end of
      // a page, once the next page came in).
      const before = lastPosition;
      await expect
        .poll(async () => Math.max(...(await positionsOnScreen())), { intervals: [16, 16, 32, 64, 100] })
        .toBeGreaterThan(before);
      const positions = await positionsOnScreen();
      lastPosition = Math.max(...positions);
      expect(positions.length).toBeLessThan(40);
    }
    expect(lastPosition).toBe(total);
    // Newest first: the last row is the oldest generated note.
    await expect(options(page).last().locator('.result-date')).toContainText('2000');
  });
});
