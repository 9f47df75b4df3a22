import { devices, type Page } from '@playwright/test';
import { openLetter, selectTextOnly } from '../support/page-selection';
import { expect, seedsUrl, test } from './fixtures';
import { axeViolations, checkView, checkWidths, withoutBrowserType } from './phone-checks';

/**
 * The owner's own session (loopback, annotations on) at a desktop size and in phone emulation:
 * the views a shared page never shows (Notes, the reader's annotation panel and editor) pass
 * the same checks as the phone spec's, and a finger can highlight.
 */
/**
 * A passage no other spec highlights: specs on the shared owner server run side by side, and
 * annotations.spec highlights 'ha decidido de manera unánime' at the same time; a selection
 * inside someone else's fresh highlight is theirs to edit, not a new one.
 */
const QUOTE = 'Esperamos contar con su comprensión';
// Debian's Chromium for every device: the descriptor's own browser choice is dropped.
const pixel7 = withoutBrowserType(devices['Pixel 7']);
// Its tests are independent: in parallel mode the runner spreads them over its workers (each
// worker runs the set-up for itself), instead of one worker running them all in a row at the end.
test.describe.configure({ mode: 'parallel' });

/**
 * Every owner view passes the checks at the size of `size` (the phone also at 320, 360, 390 and
 * 768 px, the same page resized), and a contrast fault planted in the dark palette is reported.
 */
async function checkOwnerViews(page: Page, size: { name: string; allWidths: boolean }): Promise<void> {
  test.setTimeout(300_000);
  const check = async (view: string) => {
    await checkView(page, view);
    if (size.allWidths) await checkWidths(page, view);
  };
  await openLetter(page, seedsUrl());
  await check(`${size.name} reader+notes`);
  await page.getByRole('button', { name: 'Añadir nota sobre este documento' }).click();
  await expect(page.getByTestId('annotation-editor')).toBeVisible();
  await check(`${size.name} editor`);
  await page.getByTestId('annotation-editor').getByRole('button', { name: 'Eliminar' }).click();
  await page.getByTestId('notes-link').click();
  await expect(page.getByTestId('notes-view')).toBeVisible();
  await check(`${size.name} notes`);
  await page.getByTestId('archives-link').click();
  await expect(page.getByTestId('library-view')).toBeVisible();
  await check(`${size.name} archives`);
  await page.getByRole('link', { name: 'Biblioteca' }).click();
  await page.getByRole('searchbox', { name: 'Buscar' }).fill('');
  await expect(page.getByTestId('result-count')).toBeVisible();
  await check(`${size.name} home`);

  // The check can fail, and in the dark theme alone: a contrast fault planted in the dark
  // palette only (the result count, dark on dark) is reported as such, and nothing else is.
  await page.evaluate(() => {
    // A constructed sheet: the app's CSP refuses inline <style>, not this.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      ":root[data-theme='dark'] [data-testid='result-count'] { color: #222 !important; background: #1a1a1a !important }",
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  const planted = await axeViolations(page);
  expect(planted).toHaveLength(1);
  expect(planted[0]).toMatch(/^\[dark\] color-contrast \(serious\): .*result-count/);
}

const VIEWS_TITLE = 'home, reader with notes, editor, Notes view and archives: no overflow, 44 px targets, 0 axe';

// The desktop size is the config's own: the worker's shared page (./shared-page.ts) serves it.
test.describe('desktop', () => {
  test(VIEWS_TITLE, async ({ sharedPage: page }) => {
    await checkOwnerViews(page, { name: 'desktop', allWidths: false });
  });
});

test.describe('phone', () => {
  test.use(pixel7);
  test(VIEWS_TITLE, async ({ page }) => {
    await checkOwnerViews(page, { name: 'phone', allWidths: true });
  });
});

test.describe('touch', () => {
  test.use(pixel7);

  test('a finger selection (no mouseup, no keyup) brings the highlight toolbar, and a tap highlights', async ({
    page,
  }) => {
    await openLetter(page, seedsUrl());
    // What a long press and the selection handles do: the selection changes, nothing else fires.
    await selectTextOnly(page, QUOTE);
    const toolbar = page.getByTestId('selection-toolbar');
    await expect(toolbar).toBeVisible();
    await toolbar.getByRole('button', { name: 'Resaltar en Azul' }).tap();
    // The shared owner server's notes may hold other blue marks (annotations.spec imports one).
    const mark = page.locator('.document-body mark.annotation.colour-blue').filter({ hasText: QUOTE });
    await expect(mark).toHaveText(QUOTE);
    await mark.tap();
    await expect(page.getByTestId('annotation-editor')).toBeVisible();
    await page.getByTestId('annotation-editor').getByRole('button', { name: 'Eliminar' }).tap();
    await expect(mark).toHaveCount(0);
  });
});
