import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { devices, type Page } from '@playwright/test';
import { SEEDS_CORPUS, SITE_CORPUS, startSpecServer, type SpecServer } from '../support/e2e-server';
import { LAN_NAME } from './chromium';
import { expect, test } from './own-server';
import { checkView, checkWidths, withoutBrowserType } from './phone-checks';

/**
 * A phone on the laptop's hotspot: the server shared on the network (--host 0.0.0.0), the page
 * opened by a name that is not loopback (archivo.lan, mapped to 127.0.0.1 inside Chromium only),
 * so it runs over plain http in an insecure context exactly as on a real hotspot, in Playwright's
 * phone descriptors (touch, small screen, device pixel ratio).
 */
const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
/** The longest document of the test site (about 3,000 words): the print test's subject. */
const LONG_TITLE = /Epicentro/i;

// Its tests are independent: in parallel mode the runner spreads them over its workers (each
// worker runs the set-up for itself), instead of one worker running them all in a row at the end.
test.describe.configure({ mode: 'parallel' });

let work: string;
let lanUrl: string;
let shared: SpecServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // The test site plus the seed letter (which has a footnote).
  shared = await startSpecServer({
    prefix: 'e2e-phone-',
    inputs: [SITE_CORPUS, SEEDS_CORPUS],
    name: 'Archivo del teléfono',
    lanName: LAN_NAME,
  });
  ({ work, lanUrl } = shared);
});

test.afterAll(async () => {
  await shared?.stop();
});

/**
 * Every failed request, console error and uncaught exception fails the test. A page of a shared
 * server learns from its status answer that it has no notes and no packs, and so never asks for
 * them (before, each ask was a 404 in the console).
 */
function recordErrors(page: Page): { errors: string[]; failed: string[] } {
  const errors: string[] = [];
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return { errors, failed };
}

function expectNoErrors({ errors, failed }: { errors: string[]; failed: string[] }): void {
  expect(failed, 'failed requests').toEqual([]);
  expect(errors, 'console errors').toEqual([]);
}

async function search(page: Page, query: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Buscar' });
  await expect(box).toBeEnabled();
  await box.fill(query);
  const key = new URLSearchParams({ q: query }).toString().replace(/[+]/g, '\\+');
  await expect(page.locator('#results')).toHaveAttribute('data-results-key', new RegExp(key));
}

// Debian's Chromium for every device: the descriptors' own browser choice is dropped.
const pixel7 = withoutBrowserType(devices['Pixel 7']);
const iphone13 = withoutBrowserType(devices['iPhone 13']);
// One phone also takes the README's screenshots and checks every view at 320, 360, 390 and 768 px
// (resizing the same page); the other checks its own size only, to keep the run short.
const PHONES = [
  { name: 'Pixel 7', device: pixel7, shots: true, allWidths: true },
  { name: 'iPhone 13', device: iphone13, shots: false, allWidths: false },
];

for (const phone of PHONES) {
  test.describe(phone.name, () => {
    test.use(phone.device);

    test('search, open, next hit and footnote over plain http on a LAN name', async ({ page, allowOrigin }) => {
      // axe runs twice (both themes) on each of eight views, and four widths each: slow on a shared 2-core machine.
      test.setTimeout(300_000);
      allowOrigin(lanUrl);
      const errors = recordErrors(page);
      const check = async (view: string) => {
        await checkView(page, view);
        if (phone.allWidths) await checkWidths(page, view);
      };
      await page.goto(lanUrl);
      expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
      await expect(page.getByRole('searchbox', { name: 'Buscar' })).toBeEnabled();
      await expect(page.getByTestId('result-count')).toBeVisible();
      await check('home');
      if (phone.shots) await page.screenshot({ path: path.join(screenshots, 'phone-home.png') });

      await search(page, 'gobierno');
      await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible();
      await check('results');

      // The facets wait behind a button; opened, they cover the list as a sheet.
      await page.getByTestId('facets-toggle').tap();
      await expect(page.locator('#facet-panel')).toBeVisible();
      await check('facets');
      if (phone.shots) await page.screenshot({ path: path.join(screenshots, 'phone-facets.png') });
      await page.getByRole('button', { name: 'Cerrar los filtros' }).tap();
      await expect(page.locator('#facet-panel')).toBeHidden();
      if (phone.shots) await page.screenshot({ path: path.join(screenshots, 'phone-results.png') });

      // Open the first result: focus lands on its text; the hit buttons step through the hits.
      // (A result whose snippet marks the word: its text, not only its title, has hits.)
      await page
        .getByRole('listbox')
        .getByRole('option')
        .filter({ has: page.locator('.result-snippet mark') })
        .first()
        .tap();
      await expect(page.locator('.document-title')).toBeVisible();
      await expect(page.locator('.document-body')).toBeFocused();
      await expect(page.getByTestId('annotations-off')).toBeVisible();
      await page.getByRole('button', { name: 'Coincidencia siguiente' }).tap();
      await expect(page.getByTestId('hit-counter')).toHaveText(/^1 de \d+$/);
      await page.getByRole('button', { name: 'Coincidencia siguiente' }).tap();
      await expect(page.getByTestId('hit-counter')).toHaveText(/^2 de \d+$/);
      await check('reader');
      if (phone.shots) await page.screenshot({ path: path.join(screenshots, 'phone-reader.png') });
      // Said once: the next document does not repeat it.
      await page.getByRole('button', { name: 'Entendido' }).tap();

      // The seed letter's footnote: its mark is a real tap target and leads to the note and back.
      await search(page, 'unanime');
      await page.getByRole('listbox').getByRole('option').filter({ hasText: 'Carta' }).first().tap();
      await expect(page.getByTestId('meta-place')).toContainText('Ciudad de México');
      await expect(page.getByTestId('annotations-off')).toHaveCount(0);
      const mark = page.locator('.document-body a[data-footnote-ref]').first();
      await mark.tap();
      const note = page.locator('.document-body section[data-footnotes] li').first();
      await expect(note).toBeFocused();
      await check('reader-footnote');

      await page.getByTestId('archives-link').tap();
      await expect(page.getByTestId('library-view')).toBeVisible();
      await check('archives');

      await page.getByRole('button', { name: 'Acerca de' }).tap();
      await expect(page.getByRole('dialog')).toBeVisible();
      await check('about-dialog');

      expectNoErrors(errors);
    });
  });
}

test('the long document prints whole to PDF: every word, its metadata, none of the app', async ({
  sharedPage: page,
  allowOrigin,
}) => {
  allowOrigin(lanUrl);
  await page.goto(lanUrl);
  await search(page, 'epicentro');
  await page.getByRole('listbox').getByRole('option').filter({ hasText: LONG_TITLE }).first().click();
  await expect(page.locator('.document-title')).toHaveText(LONG_TITLE);
  const id = decodeURIComponent(/#doc\/([^?]+)/.exec(page.url())?.[1] ?? '');
  // The stored text, asked from the page itself (same origin; the name resolves only inside Chromium).
  const record = await page.evaluate(async (documentId) => {
    const response = await fetch(`api/documents/${encodeURIComponent(documentId)}`);
    return (await response.json()) as { text: string; title: string };
  }, id);
  const pdfPath = path.join(work, 'long.pdf');
  writeFileSync(pdfPath, await page.pdf({ format: 'A4' }));
  const printed = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
  const words = (text: string) =>
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const printedWords = new Set(words(printed));
  const documentWords = words(record.text);
  expect(documentWords.length).toBeGreaterThan(2500);
  const missing = [...new Set(documentWords)].filter((word) => !printedWords.has(word));
  expect(missing, 'words of the document missing from the PDF').toEqual([]);
  expect(printed).toContain('Fecha');
  expect(printed).not.toContain('Sintaxis de búsqueda');
  expect(printed).not.toContain('Volver a los resultados');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))?.[1]);
  expect(pages).toBeGreaterThan(3);
});
