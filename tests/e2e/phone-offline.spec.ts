import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { buildCorpusCached } from '../support/fixtures-corpus-cache';
import { startServe, type ServeProcess } from '../support/serve-process';
import { LAN_NAME as PHONE_HOST } from './chromium';
import { expect, test } from './own-server';
import { runAxe } from './phone-checks';

/**
 * A phone on a laptop's hotspot: the archive shared on the network (`--host 0.0.0.0`), the page
 * loaded from a non-loopback name (`archivo.lan`, mapped to 127.0.0.1 inside Chromium only), so
 * it runs in the same insecure context as on a real hotspot. The phone reads three documents,
 * the network drops, and the same tab still opens and searches those three.
 */

const sharedCorpus = path.resolve(import.meta.dirname, '../../../shared/corpus/gobiernofacil');

/** The three documents read before the network drops (ids are stable: derived from the source path). */
const READ = [
  { query: 'sismos', id: '2ad3c5546b30aa8b', title: /^Tras sismos del 7 y el 19 de septiembre/ },
  { query: 'gabinete', id: 'a54d17c2b138360f', title: /^Minorías en el gabinete presidencial/ },
  { query: 'fotomultas', id: '6ba9c0bc0bd57952', title: /^Actualización de herramienta sobre recaudación/ },
] as const;

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } as const;

let work = '';
let server: ServeProcess;
let phoneUrl = '';

test.beforeAll(async () => {
  // Building the site's corpus and starting a server: slow while other specs share the 2 cores.
  test.setTimeout(120_000);
  work = mkdtempSync(path.join(os.tmpdir(), 'e2e-phone-offline-'));
  const database = path.join(work, 'site.sqlite');
  buildCorpusCached([sharedCorpus], 'Gobierno Fácil en el teléfono', database);
  server = await startServe({
    database,
    userData: path.join(work, 'user'),
    extraArgs: ['--host', '0.0.0.0', '--allowed-host', 'archivo.lan'],
  });
  phoneUrl = `http://${PHONE_HOST}:${new URL(server.url).port}/`;
});

test.afterAll(async () => {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

const searchBox = (page: Page) => page.getByRole('searchbox', { name: /^(Buscar|Search)$/ });
const options = (page: Page) => page.getByRole('listbox').getByRole('option');

async function searchFor(page: Page, query: string): Promise<void> {
  await searchBox(page).fill(query);
  await expect(page.locator('#results')).toHaveAttribute('data-results-key', `#search?q=${encodeURIComponent(query)}`);
}

/** axe-core's violations inside `selector`, as `rule: target` lines (readable when the test fails). */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const { violations } = await runAxe(page, { include: selector });
  return violations.flatMap((violation) => violation.targets.map((target) => `${violation.id}: ${target}`));
}

async function openFirst(page: Page, title: RegExp): Promise<void> {
  await options(page)
    .filter({ has: page.locator('.result-title', { hasText: title }) })
    .click();
  await expect(page.locator('article.document .document-title')).toHaveText(title);
}

test.describe('on a phone', () => {
  test.use(phone);
  test('a phone keeps what it read: offline it still opens and searches those documents', async ({
    page,
    context,
    allowOrigin,
  }) => {
    test.setTimeout(90_000);
    allowOrigin(phoneUrl);
    const consoleErrors: string[] = [];
    page.on(
      'console',
      (message) => message.type() === 'error' && consoleErrors.push(`${message.text()} (${message.location().url})`),
    );
    page.on('pageerror', (error) => consoleErrors.push(error.message));

    await page.goto(phoneUrl);
    await expect(searchBox(page)).toBeEnabled();
    // The hotspot's situation, exactly: plain http on a non-loopback name.
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    expect(await page.evaluate(() => 'serviceWorker' in navigator)).toBe(false);
    await expect(page.getByTestId('archive-name')).toHaveText('Archivo: Gobierno Fácil en el teléfono');
    // Folded to one line, so the search keeps the phone's first screen; the details unfold.
    const status = page.getByTestId('offline-status');
    await expect(page.getByTestId('offline-summary')).toHaveText(
      'Archivo: Gobierno Fácil en el teléfono · mantén esta pestaña abierta',
    );
    await expect(status.getByText(/Una recarga no funcionará sin ella/)).toBeHidden();
    // One line: the summary (a 44 px tap target) and the block's padding, no more.
    expect((await status.boundingBox())?.height).toBeLessThanOrEqual(56);
    await page.screenshot({ path: test.info().outputPath('folded.png') });
    await page.getByTestId('offline-summary').tap();
    await expect(status.getByText(/Una recarga no funcionará sin ella/)).toBeVisible();
    expect(await axeViolations(page, '[data-testid="offline-status"]')).toEqual([]);
    await page.getByTestId('offline-summary').tap();
    // The manifest behind "Add to Home screen" is served, and the CSP lets the page read it.
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      const response = await fetch(link?.href ?? '');
      return { type: response.headers.get('content-type'), body: (await response.json()) as { name?: string } };
    });
    expect(manifest.type).toBe('application/manifest+json; charset=utf-8');
    expect(manifest.body.name).toBe('Archivo sin conexión');

    for (const [index, document] of READ.entries()) {
      await searchFor(page, document.query);
      await openFirst(page, document.title);
      await expect(page.getByTestId('kept-usage')).toContainText(
        index === 0
          ? 'Guardado en este navegador: 1 documento'
          : `Guardados en este navegador: ${index + 1} documentos`,
      );
      await page.getByRole('button', { name: /^Volver/ }).click();
    }
    const longestImage = async () => {
      await searchFor(page, 'sismos');
      await openFirst(page, READ[0].title);
      const image = page.locator('article.document img').first();
      await image.scrollIntoViewIfNeeded(); // it loads lazily
      await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
      return image.getAttribute('src');
    };
    expect(await longestImage()).toMatch(/\/api\/assets\//);
    await page.getByRole('button', { name: /^Volver/ }).click();

    expect(await axeViolations(page, '[data-testid="offline-status"]')).toEqual([]);

    // The hotspot drops.
    await context.setOffline(true);
    await expect(page.getByTestId('connection-status')).toContainText('Sin conexión con el archivo');
    await expect(page.getByTestId('connection-status')).toContainText('los 3 documentos guardados');
    expect(await axeViolations(page, '[data-testid="offline-status"]')).toEqual([]);

    // Titles and text are searched in the page, accents folded (indigenas finds indígenas).
    await searchFor(page, 'indigenas');
    await expect(options(page)).toHaveCount(2);
    await searchFor(page, 'Epicentro'); // three documents of the archive say it; one was read
    await expect(options(page)).toHaveCount(1);
    await expect(options(page).first()).toContainText('Tras sismos');
    await expect(options(page).first().locator('.result-snippet mark').first()).toHaveText(/epicentro/i);

    // Each of the three opens, text and images, from what the tab kept.
    await searchFor(page, 'infracciones');
    await openFirst(page, READ[2].title);
    await expect(page.locator('article.document .document-body')).toContainText('Monitor Vial');
    await page.getByRole('button', { name: /^Volver/ }).click();
    await searchFor(page, 'gabinete');
    await openFirst(page, READ[1].title);
    await page.getByRole('button', { name: /^Volver/ }).click();
    expect(await longestImage()).toMatch(/^blob:/);
    await expect(page.locator('article.document .document-body')).toContainText('vivienda');
    await page.getByRole('button', { name: /^Volver/ }).click();

    // The laptop is back: the tab goes on with the whole archive.
    await context.setOffline(false);
    await expect(page.getByTestId('connection-status')).toHaveText('');
    await searchFor(page, 'Epicentro');
    await expect(options(page)).toHaveCount(3);
    await page.getByTestId('offline-summary').click();
    await page.getByRole('button', { name: 'Vaciar lo guardado' }).click();
    await expect(page.getByTestId('kept-usage')).toContainText('Guardados en este navegador: 0 documentos');

    // No console error at all: the shared page never asks for the owner's notes or packs (it
    // learns from the status answer that it has none), and offline it asks nothing it cannot get.
    expect(consoleErrors).toEqual([]);
  });
});

test('the laptop shows a QR code and the address for each network, and one that joins the Wi-Fi', async ({
  sharedPage: page,
  allowOrigin,
}) => {
  allowOrigin(server.url);
  // The addresses the server printed for the network (not its loopback one).
  const printed = [...server.output().matchAll(/^ {2}(http:\/\/[\d.]+:\d+\/)$/gm)]
    .map((match) => match[1] ?? '')
    .filter((url) => url !== server.url);
  await page.goto(server.url);
  await page.getByTestId('join-button').click();
  const dialog = page.getByRole('dialog', { name: 'Unirse desde un teléfono' });
  await expect(dialog).toBeVisible();
  if (printed.length === 0) await expect(dialog).toContainText('solo se comparte con este ordenador');
  else {
    await expect(dialog.getByTestId('join-address')).toHaveText(printed);
    await expect(dialog.getByRole('img', { name: printed[0] ?? '' })).toBeVisible();
  }
  await expect(dialog).toContainText('Dirección (puede cambiar si cambia la red)');
  await expect(dialog.getByTestId('wifi-code')).toHaveCount(0);
  await dialog.getByLabel('Nombre de la red').fill('Sala;1');
  await dialog.getByLabel('Contraseña').fill('clave segura');
  await expect(dialog.getByRole('img', { name: 'Escanea para unirte a la red wifi' })).toBeVisible();
  expect(await axeViolations(page, 'dialog[open]')).toEqual([]);
  // Every control of the dialog is a comfortable tap target.
  for (const control of await dialog.locator('button, input').all()) {
    const box = await control.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  }
});
