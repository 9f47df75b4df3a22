import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page, Request } from '@playwright/test';
import { expect, ownerNotesApi, siteUrl, test } from './fixtures';
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
    sharedPage: page,
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

  test('phone (360 px): a sheet behind the Índice button that closes after a tap', async ({ sharedPage: page }) => {
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

/** A long post of ../shared/corpus/gobiernofacil and a paragraph from its middle. */
const MINORIAS_TITLE = 'Minorías en el gabinete presidencial (2000 - 2017)';
const MINORIAS_PASSAGE = 'Para ambos investigadores, la desigualdad en el gabinete demuestra';

async function documentIdOf(page: Page, query: string, title: string): Promise<string> {
  await page.goto(siteUrl());
  const box = page.getByRole('searchbox', { name: 'Buscar' });
  await expect(box).toBeEnabled();
  await box.fill(query);
  await expect(page.getByTestId('live-count')).toContainText(query);
  const rowId = await page.getByRole('listbox').getByRole('option').filter({ hasText: title }).getAttribute('id');
  return (rowId ?? '').replace(/^result-/, '');
}

/** Records the reading-position calls (read or save) the page makes until `stop`, which returns them. */
function readingPositionCalls(page: Page): { stop: () => string[] } {
  const calls: string[] = [];
  const record = (request: Request): void => {
    if (/\/api\/annotations\/(saveR|r)eadingPosition$/.test(request.url())) calls.push(request.url());
  };
  page.on('request', record);
  return {
    stop: () => {
      page.off('request', record);
      return calls;
    },
  };
}

/** One animation frame and a task after it: effects of the last render have run and sent their requests. */
async function nextFrame(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => setTimeout(resolve, 0));
      }),
  );
}

/** Where the passage's paragraph stands, in px below the top of the reader's scrolling area. */
async function passageOffset(page: Page): Promise<number> {
  return page.locator('.document-body p', { hasText: MINORIAS_PASSAGE }).evaluate((element) => {
    const scroller = element.closest('.reader-scroll');
    return element.getBoundingClientRect().top - (scroller?.getBoundingClientRect().top ?? 0);
  });
}

/**
 * Brings the passage to the top of the reader and waits for the save that follows (after the
 * app's short pause). A scroll made before the reader has read the remembered place is not saved,
 * by design (it would overwrite that place), and on a slow machine the test can scroll that early:
 * so it scrolls again, a pixel off if already there, until a save is answered.
 */
async function scrollPassageUntilSaved(page: Page): Promise<void> {
  await expect(async () => {
    const saved = page.waitForResponse(
      (response) => response.url().endsWith('/api/annotations/saveReadingPosition') && response.ok(),
      { timeout: 3_000 },
    );
    await page.locator('.document-body p', { hasText: MINORIAS_PASSAGE }).evaluate((element) => {
      const scroller = element.closest('.reader-scroll');
      const before = scroller?.scrollTop;
      element.scrollIntoView({ block: 'start', behavior: 'instant' });
      if (scroller && scroller.scrollTop === before) scroller.scrollTop -= 1;
    });
    await saved;
  }).toPass({ timeout: 30_000 });
}

/**
 * What a first try of a test here leaves on the shared site server when it runs out of time (its
 * `finally` skipped, or its last steps): the settings on (and with them a kept place or history),
 * the collections and saved searches it made. A retry takes them away first, through the owner's
 * API, as a new install has none, and says so.
 */
async function undoEarlierTry({
  collections,
  savedSearches = [],
  settings = false,
}: {
  collections: string[];
  savedSearches?: string[];
  settings?: boolean;
}): Promise<void> {
  if (test.info().retry === 0) return;
  const what = [...collections, ...savedSearches, ...(settings ? ['the activity settings'] : [])];
  console.log(`retry: undoing what an earlier try may have left: ${what.join(', ')}`);
  const api = ownerNotesApi(siteUrl());
  // Turning a setting off erases what it kept (reading positions, history).
  if (settings) await api.updateActivitySettings({ rememberReading: false, keepSearchHistory: false });
  for (const collection of await api.listCollections())
    if (collections.some((name) => collection.name.startsWith(name))) await api.deleteCollection(collection.id);
  for (const saved of await api.listSavedSearches())
    if (savedSearches.includes(saved.name)) await api.deleteSavedSearch(saved.id);
}

/** What the tests of 'keep place and collect' change on the server, all of it undone by the end of a passing run. */
const KEEP_PLACE_LEFTOVERS = {
  collections: ['Desigualdad'],
  savedSearches: ['Artículos sobre datos'],
  settings: true,
};

test.describe('keep place and collect', () => {
  test.describe.configure({ mode: 'serial' });

  test('reading position: off by default; once on, restored on reload at another width; "Continuar leyendo"', async ({
    sharedPage: page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    // A retry runs this block from its first test again: it starts from what a new install has.
    await undoEarlierTry(KEEP_PLACE_LEFTOVERS);
    const id = await documentIdOf(page, 'minorias gabinete', MINORIAS_TITLE);
    await page.goto(`${siteUrl()}#collections`);
    const rememberBox = page.getByTestId('remember-reading');
    await expect(rememberBox).not.toBeChecked();
    await expect(page.getByTestId('keep-history')).not.toBeChecked();
    await expect(page.getByTestId('activity-settings')).toContainText('apagadas hasta que las enciendas');
    try {
      // Off: a scroll is not remembered. Neither saved nor asked for: a save still pending when the
      // page goes is sent on `pagehide`, so the reload flushes it into this record (no fixed wait).
      const positionCalls = readingPositionCalls(page);
      await page.goto(`${siteUrl()}#doc/${id}`);
      await page.locator('.document-body p', { hasText: MINORIAS_PASSAGE }).evaluate((element) => {
        element.scrollIntoView({ block: 'start', behavior: 'instant' });
      });
      await page.reload();
      await expect(page.locator('.document-title')).toHaveText(MINORIAS_TITLE);
      await nextFrame(page);
      expect(await passageOffset(page)).toBeGreaterThan(400);
      expect(positionCalls.stop(), 'reading-position requests while the setting is off').toEqual([]);

      await page.goto(`${siteUrl()}#collections`);
      await rememberBox.check();
      await expect(rememberBox).toBeChecked();

      await page.goto(`${siteUrl()}#doc/${id}`);
      await expect(page.locator('.document-title')).toHaveText(MINORIAS_TITLE);
      await scrollPassageUntilSaved(page);
      await page.reload();
      await expect.poll(() => passageOffset(page)).toBeLessThan(40);
      expect(await passageOffset(page)).toBeGreaterThan(-40);

      // A phone-sized window reflows the text: the same passage still comes back to the top.
      await page.setViewportSize({ width: 390, height: 800 });
      await page.reload();
      await expect.poll(() => passageOffset(page)).toBeLessThan(40);
      expect(await passageOffset(page)).toBeGreaterThan(-40);
      await page.setViewportSize({ width: 1280, height: 800 });

      // Back and forward: away to the library, then back to the document, at the same passage.
      await page.goto(`${siteUrl()}#doc/${id}`);
      await expect.poll(() => passageOffset(page)).toBeLessThan(40);
      await page.getByRole('link', { name: 'Biblioteca' }).click();
      await expect(page.getByTestId('result-count')).toBeVisible();
      await page.goBack();
      await expect(page.locator('.document-title')).toHaveText(MINORIAS_TITLE);
      await expect.poll(() => passageOffset(page)).toBeLessThan(40);
      expect(await passageOffset(page)).toBeGreaterThan(-40);

      // Home screen: "Continuar leyendo" links back to it.
      await page.goto(`${siteUrl()}#search`);
      const continueReading = page.getByTestId('continue-reading');
      await expect(continueReading).toContainText('Continuar leyendo');
      await expect(continueReading.getByRole('link', { name: MINORIAS_TITLE })).toHaveAttribute('href', `#doc/${id}`);
      await page.screenshot({ path: path.join(screenshots, 'continue-reading.png') });
      await continueReading.getByRole('link', { name: MINORIAS_TITLE }).click();
      await expect.poll(() => passageOffset(page)).toBeLessThan(40);
    } finally {
      // Turning it off erases every position: the home screen no longer offers any.
      await page.goto(`${siteUrl()}#collections`);
      await page.getByTestId('remember-reading').uncheck();
      await expect(page.getByTestId('remember-reading')).not.toBeChecked();
    }
    await page.goto(`${siteUrl()}#search`);
    await expect(page.getByTestId('result-count')).toBeVisible();
    await expect(page.getByTestId('continue-reading')).toHaveCount(0);
  });

  test('collections from the reader and the results, permalink, rename, delete; saved search and history', async ({
    sharedPage: page,
  }) => {
    test.setTimeout(150_000);
    await undoEarlierTry(KEEP_PLACE_LEFTOVERS);
    await page.setViewportSize({ width: 1280, height: 800 });
    const id = await documentIdOf(page, 'minorias gabinete', MINORIAS_TITLE);

    // From the reader: a new collection holding this document.
    await page.goto(`${siteUrl()}#doc/${id}`);
    await page.getByTestId('document-collections').click();
    const picker = page.getByTestId('collection-picker');
    await picker.getByTestId('new-collection-name').fill('Desigualdad');
    await picker.getByRole('button', { name: 'Crear' }).click();
    await expect(picker.getByRole('checkbox', { name: /Desigualdad/ })).toBeChecked();
    await page.getByRole('button', { name: 'Hecho' }).click();

    // From the results: add the results shown to it, then take them out again but one. OR: the
    // documents with either word (every word is required by default).
    await page.goto(`${siteUrl()}#search?q=${encodeURIComponent('epicentro OR reconstruccion')}`);
    await expect(page.getByTestId('result-count')).toHaveText('3 resultados');
    await page.getByTestId('add-results-to-collection').click();
    await page
      .getByTestId('collection-picker')
      .getByRole('checkbox', { name: /Desigualdad/ })
      .check();
    await expect(page.getByTestId('collection-picker')).toContainText('Desigualdad (4 documentos)');
    await page.getByRole('button', { name: 'Hecho' }).click();

    // The collections view lists it; its link is a permalink.
    await page.getByTestId('collections-link').click();
    await page.getByTestId('collection-list').getByRole('link', { name: 'Desigualdad' }).click();
    await expect(page).toHaveURL(/#collection\/[0-9a-f-]{36}$/);
    const permalink = page.url();
    const documents = page.getByTestId('collection-documents');
    await expect(documents.getByRole('listitem')).toHaveCount(4);
    await expect(documents.getByRole('listitem').first()).toContainText(MINORIAS_TITLE);
    await documents.getByRole('button', { name: /Quitar «Boot Camp #OpenDataDayPuebla» de esta colección/ }).click();
    await expect(documents.getByRole('listitem')).toHaveCount(3);

    await page.getByTestId('collection-rename-input').fill('Desigualdad y reconstrucción');
    await page.getByTestId('collection-rename').click();
    await expect(page.getByRole('heading', { name: 'Desigualdad y reconstrucción' })).toBeVisible();
    await page.screenshot({ path: path.join(screenshots, 'collections.png') });
    await checkView(page, 'desktop collection');

    // The permalink opens exactly there after a reload, and a document link opens the reader.
    await page.goto('about:blank');
    await page.goto(permalink);
    await expect(page.getByRole('heading', { name: 'Desigualdad y reconstrucción' })).toBeVisible();
    await documents.getByRole('link', { name: MINORIAS_TITLE }).click();
    await expect(page.locator('.document-title')).toHaveText(MINORIAS_TITLE);
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Desigualdad y reconstrucción' })).toBeVisible();

    // Saved search: query + facet + sort, run again in one click.
    await page.goto(`${siteUrl()}#search?q=datos&type=article&sort=date`);
    await expect(page.getByTestId('result-count')).toBeVisible();
    await page.getByTestId('save-search').click();
    await page.getByTestId('save-search-name').fill('Artículos sobre datos');
    await page.getByTestId('save-search-confirm').click();

    // History: off, nothing kept; on, the searches settled on are kept; cleared on request.
    await page.goto(`${siteUrl()}#collections`);
    await expect(page.getByTestId('search-history')).toBeEmpty();
    // The setting is on once the server said so: a search recorded before that would not be kept.
    const turnedOn = page.waitForResponse(
      (response) => response.url().endsWith('/api/annotations/updateActivitySettings') && response.ok(),
      { timeout: 15_000 },
    );
    await page.getByTestId('keep-history').check();
    await turnedOn;
    try {
      // A search counts once the user paused on it (1.5 s in the app): wait for it to be recorded.
      // Bounded: a missed answer fails here, not at the test's own timeout.
      const recorded = page.waitForResponse(
        (response) => response.url().endsWith('/api/annotations/recordSearch') && response.ok(),
        { timeout: 20_000 },
      );
      await page.goto(`${siteUrl()}#search?q=gabinete`);
      await expect(page.getByTestId('result-count')).toBeVisible();
      await recorded;
      await page.goto(`${siteUrl()}#collections`);
      await expect(page.getByTestId('search-history').getByRole('link', { name: 'gabinete' })).toHaveAttribute(
        'href',
        '#search?q=gabinete',
      );
      await page.setViewportSize({ width: 360, height: 740 });
      await checkView(page, 'phone collections');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByTestId('clear-history').click();
      await expect(page.getByTestId('search-history').getByRole('link')).toHaveCount(0);
    } finally {
      await page.getByTestId('keep-history').uncheck();
    }

    await page.getByTestId('saved-searches').getByRole('link', { name: 'Artículos sobre datos' }).click();
    await expect(page).toHaveURL(/#search\?q=datos&type=article&sort=date$/);
    await expect(page.getByTestId('sort-select')).toHaveValue('date');

    // Delete the collection: the permalink then says it does not exist.
    await page.goto(permalink);
    await page.getByTestId('collection-delete').click();
    await page.getByTestId('collection-delete-confirm').click();
    await expect(page).toHaveURL(/#collections$/);
    await expect(page.getByTestId('collection-list').getByRole('link', { name: /Desigualdad/ })).toHaveCount(0);
    await page.goto(permalink);
    await expect(page.getByText('No existe esa colección')).toBeVisible();
    await page.goto(`${siteUrl()}#collections`);
    await page
      .getByTestId('saved-searches')
      .getByRole('button', { name: 'Borrar la búsqueda guardada «Artículos sobre datos»' })
      .click();
    await expect(page.getByTestId('saved-searches').getByRole('link')).toHaveCount(0);
  });
});

test.describe('one result into a collection', () => {
  const NAME = 'Lectura pendiente';

  test('the row’s ＋ by touch and click, Shift+F10 by keyboard; "add all" stays; phone target ≥ 44 px, axe clean', async ({
    sharedPage: page,
  }) => {
    test.setTimeout(120_000);
    await undoEarlierTry({ collections: [NAME] });
    // A tall phone: at 740 px the search header's controls leave the list no room (outside this test's scope).
    await page.setViewportSize({ width: 360, height: 1280 });
    await page.goto(`${siteUrl()}#search?q=${encodeURIComponent('epicentro OR reconstruccion')}`);
    await expect(page.getByTestId('result-count')).toHaveText('3 resultados');
    const rows = page.getByRole('listbox').getByRole('option');
    const epicentroRow = rows.filter({ hasText: EPICENTRO_TITLE });
    const plus = epicentroRow.getByTestId('result-collect');
    const box = await plus.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(44);
    expect(box?.height).toBeGreaterThanOrEqual(44);
    await checkView(page, 'phone results with row actions');

    // The ＋ adds that one document (it does not open it): a new collection holding it.
    const searchUrl = page.url();
    await plus.click();
    const picker = page.getByTestId('collection-picker');
    await expect(page.getByRole('dialog', { name: `Colecciones de «${EPICENTRO_TITLE}` })).toBeVisible();
    await expect(page).toHaveURL(searchUrl);
    await picker.getByTestId('new-collection-name').fill(NAME);
    await picker.getByRole('button', { name: 'Crear' }).click();
    await expect(picker.getByRole('checkbox', { name: new RegExp(NAME) })).toBeChecked();
    await expect(picker).toContainText(`${NAME} (1 documento)`);
    await checkView(page, 'phone row collection dialog');
    await page.getByRole('button', { name: 'Hecho' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Keyboard on a desktop: the list is one tab stop; arrows mark a row, Shift+F10 opens its picker.
    await page.setViewportSize({ width: 1280, height: 800 });
    const list = page.getByRole('listbox');
    await expect(list).toHaveAccessibleDescription(/Mayús\+F10/);
    await list.focus();
    await page.keyboard.press('End');
    const lastTitle = (await rows.last().locator('.result-title').textContent()) ?? '';
    expect(lastTitle).not.toBe(EPICENTRO_TITLE);
    await page.keyboard.press('Shift+F10');
    const dialog = page.getByRole('dialog', { name: `Colecciones de «${lastTitle}»` });
    await expect(dialog).toBeVisible();
    const box2 = dialog.getByRole('checkbox', { name: new RegExp(NAME) });
    await expect(box2).not.toBeChecked();
    await box2.focus();
    await page.keyboard.press('Space');
    await expect(box2).toBeChecked();
    await expect(dialog).toContainText(`${NAME} (2 documentos)`);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(list).toBeFocused();

    // "Add all" still takes every result shown.
    await expect(page.getByTestId('add-results-to-collection')).toHaveText('Añadir todos a una colección');

    // The collection holds exactly the two chosen documents; then it goes.
    await page.goto(`${siteUrl()}#collections`);
    await page.getByTestId('collection-list').getByRole('link', { name: NAME }).click();
    const documents = page.getByTestId('collection-documents');
    await expect(documents.getByRole('listitem')).toHaveCount(2);
    await expect(documents).toContainText(EPICENTRO_TITLE);
    await expect(documents).toContainText(lastTitle);
    await page.getByTestId('collection-delete').click();
    await page.getByTestId('collection-delete-confirm').click();
    await expect(page).toHaveURL(/#collections$/);
  });
});
