import { expect, type Page } from '@playwright/test';

/**
 * Selects the first occurrence of `text` in the document body and fires nothing else: what a
 * long press and the selection handles of a touch screen do.
 */
export async function selectTextOnly(page: Page, text: string): Promise<void> {
  await page.locator('.document-body').evaluate((body, needle) => {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(needle);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`not in the document: ${needle}`);
  }, text);
}

/** Selects the first occurrence of `text` in the document body, as a drag of the mouse would. */
export async function selectInDocument(page: Page, text: string): Promise<void> {
  await selectTextOnly(page, text);
  await page.locator('.document-body').dispatchEvent('mouseup');
}

/**
 * Selects `text` as a mouse drag would and waits for the highlight toolbar, selecting again if
 * none came: while the reader is still settling (its notes opening, its text redrawn with their
 * marks) a selection can be dropped, and a person then simply selects again. A toolbar that never
 * comes still fails the test, after 30 s.
 */
export async function selectForHighlight(page: Page, text: string): Promise<void> {
  const toolbar = page.getByTestId('selection-toolbar');
  await expect(async () => {
    await selectInDocument(page, text);
    await expect(toolbar).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * Selects `text` and clicks the toolbar's swatch of `colour` (its Spanish name, e.g. `Verde`),
 * selecting again if the toolbar goes before the click lands: on a loaded machine the text can
 * be redrawn just after the toolbar came (seen once: the swatch detached and the click waited out
 * the test's 120 s). A click that fails has not clicked, so no highlight is made twice.
 */
export async function highlightPassage(page: Page, text: string, colour: string): Promise<void> {
  await expect(async () => {
    await selectForHighlight(page, text);
    await page
      .getByTestId('selection-toolbar')
      .getByRole('button', { name: `Resaltar en ${colour}` })
      .click({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * Opens the seed letter from the library at `url`. `enabledTimeout` is for callers outside the
 * Playwright runner (the offline proof), where no configured expect timeout applies.
 */
export async function openLetter(page: Page, url: string, enabledTimeout?: number): Promise<void> {
  await page.goto(url);
  const box = page.getByRole('searchbox', { name: /^(Buscar|Search)$/ });
  await expect(box).toBeEnabled(enabledTimeout === undefined ? undefined : { timeout: enabledTimeout });
  await box.fill('funcion publica');
  await page.getByRole('listbox').getByRole('option').filter({ hasText: 'Carta' }).first().click();
  await expect(page.getByTestId('meta-place')).toContainText('Ciudad de México');
}
