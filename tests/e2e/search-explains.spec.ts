import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, siteUrl, test } from './fixtures';
import { checkView } from './phone-checks';

/**
 * Search that explains itself, on the real gobiernofacil site: every word by default with a
 * visible switch to any word, "did you mean", a date range and oldest-first order kept in the
 * URL, OR inside one facet, and results that are real links.
 */
const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
mkdirSync(screenshots, { recursive: true });
// Its tests are independent: in parallel mode the runner spreads them over its workers (each
// worker runs the set-up for itself), instead of one worker running them all in a row at the end.
test.describe.configure({ mode: 'parallel' });

const searchBox = (page: Page) => page.getByRole('searchbox', { name: /^(Buscar|Search)$/ });
const options = (page: Page) => page.getByRole('listbox').getByRole('option');
const resultCount = async (page: Page): Promise<number> =>
  Number(/\d+/.exec((await page.getByTestId('result-count').textContent()) ?? '')?.[0] ?? NaN);

async function openApp(page: Page, hash = ''): Promise<void> {
  await page.goto(siteUrl() + hash);
  await expect(searchBox(page)).toBeEnabled();
}

async function search(page: Page, query: string): Promise<void> {
  await searchBox(page).fill(query);
  await expect(page).toHaveURL(new RegExp(`#search\\?q=${encodeURIComponent(query).replace(/%20/g, '\\+')}`));
  await expect(page.locator('#results')).toHaveAttribute('data-results-key', /q=/);
}

test('every word by default; the switch, OR and the URL give any word, kept across reload and back', async ({
  sharedPage: page,
}) => {
  await openApp(page);
  await search(page, 'datos abiertos');
  await expect(page.getByTestId('match-all')).toBeChecked();
  await expect(page.getByText('Todas las palabras: cada palabra debe aparecer.')).toBeVisible();
  const every = await resultCount(page);
  expect(every).toBeGreaterThan(0);

  await page.getByText('Cualquier palabra', { exact: true }).click();
  await expect(page).toHaveURL(/match=any/);
  await expect.poll(() => resultCount(page)).toBeGreaterThan(every);
  const any = await resultCount(page);
  await page.reload();
  await expect(page.getByTestId('match-any')).toBeChecked();
  await expect.poll(() => resultCount(page)).toBe(any);
  await page.goBack();
  await expect(page.getByTestId('match-all')).toBeChecked();
  await expect.poll(() => resultCount(page)).toBe(every);

  await search(page, 'datos OR abiertos');
  await expect(page.getByTestId('notice-or')).toHaveText(/usa OR/);
  await expect.poll(() => resultCount(page)).toBe(any);
});

test('a misspelt word gets "¿Quisiste decir gobierno?", a link that runs the corrected query', async ({
  sharedPage: page,
}) => {
  await openApp(page);
  await search(page, 'gobirno');
  await expect(page.getByTestId('no-results')).toBeVisible();
  const suggestion = page.getByTestId('did-you-mean');
  await expect(suggestion).toHaveText('¿Quisiste decir gobierno?');
  const link = suggestion.getByRole('link', { name: 'gobierno' });
  await expect(link).toHaveAttribute('href', '#search?q=gobierno');
  await link.click();
  await expect(page).toHaveURL(/#search\?q=gobierno$/);
  await expect(searchBox(page)).toHaveValue('gobierno');
  await expect.poll(() => resultCount(page)).toBeGreaterThan(0);
  await expect(page.getByTestId('did-you-mean')).toHaveCount(0);
});

test('words too common to search alone ("de la") get their phrase offered, a link that finds them', async ({
  sharedPage: page,
}) => {
  await openApp(page);
  await search(page, 'de la');
  await expect(page.getByTestId('no-results')).toBeVisible();
  await expect(page.getByTestId('notice-common-words')).toHaveText(
    'Sus palabras son demasiado comunes para buscarlas sueltas. Entre comillas se buscan como frase, y así sí se encuentran.',
  );
  // "Any of these words" would find nothing either: not offered.
  await expect(page.getByTestId('try-any')).toHaveCount(0);
  const suggestion = page.getByTestId('did-you-mean');
  await expect(suggestion).toHaveText('¿Quisiste decir "de la"?');
  await suggestion.getByRole('link', { name: '"de la"' }).click();
  await expect(searchBox(page)).toHaveValue('"de la"');
  await expect.poll(() => resultCount(page)).toBeGreaterThan(0);
  await expect(page.getByTestId('notice-common-words')).toHaveCount(0);

  // One such word alone: why nothing was found, and no phrase of one word (it holds almost every document).
  await search(page, 'el');
  await expect(page.getByTestId('notice-common-words')).toHaveText(
    'Sus palabras son demasiado comunes para buscarlas sueltas.',
  );
  await expect(page.getByTestId('did-you-mean')).toHaveCount(0);
});

test('a date range by month and year, oldest first, both kept in the URL across reload', async ({
  sharedPage: page,
}) => {
  await openApp(page);
  await page.getByTestId('date-from').fill('2016-13');
  await page.getByTestId('date-apply').click();
  await expect(page.getByRole('alert')).toHaveText(/Escribe un año/);
  await expect(page).not.toHaveURL(/from=/);

  await page.getByTestId('date-from').fill('2016-03');
  await page.getByTestId('date-to').fill('2017');
  await page.getByTestId('date-apply').click();
  await expect(page).toHaveURL(/from=2016-03&to=2017/);
  await page.getByTestId('sort-select').selectOption('oldest');
  await expect(page).toHaveURL(/sort=oldest/);
  await page.reload();
  await expect(page.getByTestId('date-from')).toHaveValue('2016-03');
  await expect(page.getByTestId('sort-select')).toHaveValue('oldest');
  const dates = await page.locator('.result-date').allTextContents();
  expect(dates.length).toBeGreaterThan(3);
  for (const date of dates) expect(date).toMatch(/(2016|2017)$/);
  expect(dates[0]).toMatch(/2016$/);
  expect(dates.at(-1)).toMatch(/2017$/);
  // Months of 2016 before March are outside the range.
  for (const date of dates) expect(date).not.toMatch(/(enero|febrero) de 2016$/);
});

test('two years ticked mean either year, with counts that add up', async ({ sharedPage: page }) => {
  await openApp(page);
  const year = (value: string) => page.locator('[data-facet="year"] label').filter({ hasText: value });
  const count = async (value: string) => Number(await year(value).locator('.facet-count').textContent());
  const in2016 = await count('2016');
  const in2017 = await count('2017');
  await year('2016').locator('input').check();
  await expect.poll(() => resultCount(page)).toBe(in2016);
  // The 2017 count still says what ticking it adds.
  expect(await count('2017')).toBe(in2017);
  await year('2017').locator('input').check();
  await expect.poll(() => resultCount(page)).toBe(in2016 + in2017);
  await expect(page).toHaveURL(/year=2016&year=2017/);
});

test('results are real links: href to the document, keyboard and click still open it', async ({ sharedPage: page }) => {
  await openApp(page);
  await search(page, 'transparencia');
  const first = options(page).first();
  const href = await first.getAttribute('href');
  expect(href).toMatch(/^#doc\/[0-9a-f]{16}\?q=transparencia$/);
  expect(await first.evaluate((element) => element.tagName)).toBe('A');
  expect(await first.getAttribute('tabindex')).toBe('-1');

  // A modified click is the browser's: a new tab opens at the document.
  const opened = page.context().waitForEvent('page', { timeout: 30_000 });
  await first.click({ modifiers: ['ControlOrMeta'] });
  const tab = await opened;
  // A new tab starts at about:blank and may already have "loaded" it: wait for the document's URL.
  await tab.waitForURL((url) => url.href.endsWith(href ?? 'missing'), { timeout: 10_000 });
  await tab.close();
  await expect(page).toHaveURL(/#search\?q=transparencia/);

  // A plain click opens the document in place.
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${(href ?? 'x').replace(/[?]/g, '\\?')}$`));
  await page.goBack();
  await expect(page).toHaveURL(/#search\?q=transparencia$/);

  // Keyboard: one tab stop, arrows move, Enter opens.
  await page.getByRole('listbox').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  const second = page.locator('a[role="option"][data-index="1"]');
  await expect(second).toHaveAttribute('aria-selected', 'true');
  const secondHref = await second.getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${(secondHref ?? 'x').replace(/[?]/g, '\\?')}$`));
});

for (const width of [1280, 320]) {
  test(`search options at ${width} px: no overflow, 44 px targets, 0 axe`, async ({ sharedPage: page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 800 });
    await openApp(page);
    await search(page, 'gobirno abierto');
    await expect(page.getByTestId('did-you-mean')).toBeVisible();
    if (width < 700) await page.getByTestId('facets-toggle').click();
    await page.getByTestId('date-from').fill('2016');
    await checkView(page, `search ${width}`);
    if (width > 700) {
      await page.screenshot({ path: path.join(screenshots, 'search-suggestion.png') });
      await page.getByTestId('did-you-mean').getByRole('link').click();
      await expect.poll(() => resultCount(page)).toBeGreaterThan(0);
      await page.getByTestId('date-apply').click();
      await expect(page).toHaveURL(/from=2016/);
      await page.screenshot({ path: path.join(screenshots, 'search-options.png') });
      await checkView(page, `search results ${width}`);
    }
  });
}
