import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, siteUrl, test } from './fixtures';
import { checkView } from './phone-checks';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
mkdirSync(screenshots, { recursive: true });

/** The long #Epicentro post of ../shared/corpus/gobiernofacil: 3,213 words under 7 headings. */
const EPICENTRO_TITLE = 'Tras sismos del 7 y el 19 de septiembre #Epicentro propone 10 acciones';
const EPICENTRO_HEADINGS = [
  'Organizaciones que participan en #Epicentro Corte al día 18 de octubre de 2017',
  'ANEXO TÉCNICO',
  'Principios y enfoques',
  'Fines de la reconstrucción',
  'Requisitos para la reconstrucción',
  '¿Cómo se debe reconstruir?',
  '¿Quién debe reconstruir?',
];

async function openEpicentro(page: Page): Promise<void> {
  await page.goto(siteUrl());
  const box = page.getByRole('searchbox', { name: 'Buscar' });
  await expect(box).toBeEnabled();
  await box.fill('epicentro reconstruccion');
  await expect(page.getByTestId('live-count')).toContainText('epicentro reconstruccion');
  // The row's id names the document; going there by URL is what a link or a permalink does.
  const rowId = await page
    .getByRole('listbox')
    .getByRole('option')
    .filter({ hasText: EPICENTRO_TITLE })
    .getAttribute('id');
  await page.goto(`${siteUrl()}#doc/${(rowId ?? '').replace(/^result-/, '')}`);
  await expect(page.locator('.document-title')).toContainText('#Epicentro propone 10 acciones');
}

test.describe('table of contents', () => {
  test('desktop: a side list of the 7 headings; a link scrolls there, focuses it, marks the section', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openEpicentro(page);
    const toc = page.getByTestId('toc');
    await expect(toc).toBeVisible();
    await expect(toc.getByRole('listitem')).toHaveText(EPICENTRO_HEADINGS);
    await expect(page.getByTestId('toc-toggle')).toHaveAttribute('aria-expanded', 'true');

    // Keyboard: Tab to the fourth entry, Enter.
    const target = toc.getByRole('button', { name: 'Fines de la reconstrucción' });
    await target.focus();
    await page.keyboard.press('Enter');
    const heading = page.locator('.document-body h3', { hasText: 'Fines de la reconstrucción' });
    await expect(heading).toBeFocused();
    await expect(target).toHaveAttribute('aria-current', 'location');
    await expect(heading).toBeInViewport();

    // Scrolling by hand moves the mark: the heading at the top marks its entry.
    await page.locator('.document-body h2', { hasText: 'ANEXO TÉCNICO' }).evaluate((element) => {
      element.scrollIntoView({ block: 'start' });
    });
    await expect(toc.getByRole('button', { name: 'ANEXO TÉCNICO' })).toHaveAttribute('aria-current', 'location');
    await expect(toc.locator('[aria-current]')).toHaveCount(1);
    await page.screenshot({ path: path.join(screenshots, 'table-of-contents.png') });
    await checkView(page, 'desktop toc');

    // Collapsible: the toolbar button hides and shows it.
    await page.getByTestId('toc-toggle').click();
    await expect(toc).toBeHidden();
    await page.getByTestId('toc-toggle').click();
    await expect(toc).toBeVisible();
  });

  test('phone (360 px): a sheet behind the Índice button that closes after a tap', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await openEpicentro(page);
    const toc = page.getByTestId('toc');
    await expect(toc).toBeHidden();
    await page
      .getByTestId('toc-toggle')
      .tap()
      .catch(() => page.getByTestId('toc-toggle').click());
    await expect(toc).toBeVisible();
    await checkView(page, 'phone toc');
    await page.screenshot({ path: path.join(screenshots, 'table-of-contents-phone.png') });
    await toc.getByRole('button', { name: '¿Cómo se debe reconstruir?' }).click();
    await expect(toc).toBeHidden();
    await expect(page.locator('.document-body h3', { hasText: '¿Cómo se debe reconstruir?' })).toBeFocused();
    // Escape closes the sheet too.
    await page.getByTestId('toc-toggle').click();
    await page.getByTestId('toc').getByRole('button').first().focus();
    await page.keyboard.press('Escape');
    await expect(toc).toBeHidden();
  });
});
