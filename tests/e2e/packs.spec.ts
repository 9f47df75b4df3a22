import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './own-server';
import { buildCorpusCached } from '../support/fixtures-corpus-cache';
import { repoRoot, runCorpusCli, startServe, type ServeProcess } from '../support/serve-process';
import { viewSwitchComplete } from './view-switch';

/**
 * Archive packs in the real UI (browser mode, the owner's loopback session with its own temp
 * user-data folder): a pack built with the real CLI from one real gobiernofacil post is dropped
 * on the window, listed, searched together with the bundled seeds (a word only it has), opened,
 * filtered by the archive facet; a copy with one byte flipped is refused with its sentence and
 * changes nothing; removing the pack takes its documents out of the results.
 */

const sharedCorpus = path.resolve(repoRoot, '../shared/corpus');
const screenshots = path.join(repoRoot, 'docs/screenshots');
const POST = '2017-05-30-oaxaca.md';
const PACK_NAME = 'Gobierno Fácil: Oaxaca';
const PACK_ID = 'oaxaca-e2e';

let workDir = '';
let server: ServeProcess | null = null;
let baseUrl = '';
let packFile = '';
let tamperedFile = '';
let newerFile = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  workDir = mkdtempSync(path.join(os.tmpdir(), 'packs-e2e-'));
  const seeds = path.join(workDir, 'seeds.sqlite');
  buildCorpusCached(['resources/corpus'], 'Semillas e2e', seeds);
  // One real post of the Jekyll site, in a temp folder (never copied into the project).
  const posts = path.join(workDir, 'pack-source', '_posts');
  mkdirSync(posts, { recursive: true });
  copyFileSync(path.join(sharedCorpus, 'gobiernofacil/_posts', POST), path.join(posts, POST));
  packFile = path.join(workDir, 'oaxaca.archive');
  runCorpusCli([
    'pack',
    path.join(workDir, 'pack-source'),
    '--out',
    packFile,
    '--name',
    PACK_NAME,
    '--version',
    '2026.1',
    '--id',
    PACK_ID,
  ]);
  newerFile = path.join(workDir, 'oaxaca-2026.2.archive');
  runCorpusCli([
    'pack',
    path.join(workDir, 'pack-source'),
    '--out',
    newerFile,
    '--name',
    PACK_NAME,
    '--version',
    '2026.2',
    '--id',
    PACK_ID,
  ]);
  // One byte flipped well inside the database (past the tar and manifest headers).
  const bytes = readFileSync(packFile);
  const at = Math.floor(bytes.length * 0.6);
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  tamperedFile = path.join(workDir, 'oaxaca-alterado.archive');
  writeFileSync(tamperedFile, bytes);
  server = await startServe({ database: seeds, userData: path.join(workDir, 'user') });
  // The owner's printed address: its per-start token opens pack management.
  baseUrl = server.ownerUrl;
});

test.afterAll(async () => {
  await server?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Drops a file on the window the way a file manager does (DataTransfer with a File). */
async function dropFile(page: Page, file: string): Promise<void> {
  const base64 = readFileSync(file).toString('base64');
  const name = path.basename(file);
  const transfer = await page.evaluateHandle(
    ({ base64: data, name: fileName }) => {
      const binary = atob(data);
      const array = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i += 1) array[i] = binary.charCodeAt(i);
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(new File([array], fileName, { type: 'application/octet-stream' }));
      return dataTransfer;
    },
    { base64, name },
  );
  await page.dispatchEvent('.app', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('.app', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
}

async function search(page: Page, query: string): Promise<void> {
  await page.getByRole('link', { name: 'Biblioteca' }).click();
  const box = page.getByRole('searchbox', { name: 'Buscar' });
  await box.fill(query);
  await expect(page.locator('#results')).toHaveAttribute(
    'data-results-key',
    query === '' ? '#search' : new RegExp(`q=${encodeURIComponent(query)}`),
  );
}

/** The packs here are unsigned and this installer pins no publisher: each asks first, and the user says yes. */
async function confirmUnsigned(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: '¿Instalar un paquete que nadie firmó?' });
  await expect(dialog).toContainText(`«${PACK_NAME}»`);
  await dialog.getByTestId('confirm-publisher').click();
}

test('a pack is dropped, listed, searched with the bundled corpus, filtered, refused when altered, removed, and an older version asks before it replaces a newer one', async ({
  sharedPage: page,
  allowOrigin,
}) => {
  test.setTimeout(120_000);
  allowOrigin(baseUrl);
  const origin = new URL(baseUrl).origin;
  const foreign: string[] = [];
  page.on('request', (request) => {
    // A `blob:` URL of the app's own origin is the page's memory (its favicon), not the network.
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith(`blob:${origin}/`)) foreign.push(url);
  });

  await page.goto(baseUrl);
  await expect(page.getByRole('searchbox', { name: 'Buscar' })).toBeEnabled();
  await viewSwitchComplete(page);
  // Before: only the bundled corpus, so no archive facet and no per-hit archive.
  await expect(page.locator('fieldset[data-facet="archive"]')).toHaveCount(0);
  await page.getByTestId('archives-link').click();
  const rows = page.getByTestId('library-table').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Semillas e2e');
  await expect(rows.first()).toContainText('Incluido en la aplicación');
  await expect(page.getByTestId('open-pack')).toHaveText('Abrir paquete…');

  // Drop the pack anywhere on the window.
  await dropFile(page, packFile);
  await expect(rows).toHaveCount(1); // Nothing installed while the question is open.
  await confirmUnsigned(page);
  await expect(page.getByTestId('library-message')).toHaveText(`Se añadió «${PACK_NAME}» 2026.1: 1 documento.`);
  await expect(rows).toHaveCount(2);
  const packRow = page.locator(`tr[data-archive-id="${PACK_ID}"]`);
  await expect(packRow).toContainText(PACK_NAME);
  await expect(packRow).toContainText('2026.1');
  await expect(packRow).toContainText('Paquete');
  await expect(packRow.locator('td.numeric')).toHaveText('1');
  await page.screenshot({ path: path.join(screenshots, 'archives.png') });

  // A word only the pack has: its post is the first hit and says where it comes from.
  await search(page, 'oaxaqueños');
  const firstHit = page.locator('.result').first();
  await expect(firstHit.locator('.result-title')).toHaveText(
    'Presentación del proyecto Gobierno Abierto desde lo local para el Desarrollo Sostenible en Oaxaca',
  );
  await expect(firstHit.getByTestId('result-archive')).toHaveText(`De: ${PACK_NAME}`);
  await expect(page.getByTestId('result-count')).toHaveText('1 resultado');
  await firstHit.click();
  await expect(page).toHaveURL(new RegExp(`#doc/${PACK_ID}~[0-9a-f]{16}`));
  await expect(page.locator('.reader')).toContainText('Desarrollo Sostenible en Oaxaca');
  await expect(page.locator('.reader')).toContainText('Katyna Argueta');

  // The library (empty query) holds both archives; the archive facet narrows it to the pack.
  await search(page, '');
  await expect(page.getByTestId('result-count')).toHaveText('3 documentos');
  const archiveFacet = page.locator('fieldset[data-facet="archive"]');
  await expect(archiveFacet.locator('.facet-value')).toHaveText(['Semillas e2e', PACK_NAME]);
  await archiveFacet.locator(`input[data-facet-value="${PACK_ID}"]`).check();
  await expect(page.getByTestId('result-count')).toHaveText('1 documento');
  await expect(page.locator('.result .result-title')).toHaveText([
    'Presentación del proyecto Gobierno Abierto desde lo local para el Desarrollo Sostenible en Oaxaca',
  ]);
  await archiveFacet.locator(`input[data-facet-value="${PACK_ID}"]`).uncheck();
  await expect(page.getByTestId('result-count')).toHaveText('3 documentos');
  await archiveFacet.locator('input[data-facet-value="bundled"]').check();
  await expect(page.getByTestId('result-count')).toHaveText('2 documentos');
  await expect(page.locator('.result').getByTestId('result-archive').first()).toHaveText('De: Semillas e2e');
  await page.getByRole('button', { name: 'Quitar filtros' }).click();

  // The altered copy, picked with the file chooser: refused with the tampered sentence, nothing changes.
  await page.getByTestId('archives-link').click();
  await page.getByTestId('pack-file-input').setInputFiles(tamperedFile);
  await expect(page.getByTestId('library-message')).toHaveText(
    'Este archivo no se añadió: su contenido no coincide con su sello: el archivo se dañó o se alteró después de crearse.',
  );
  await expect(rows).toHaveCount(2);
  await expect(packRow).toContainText('2026.1');

  // Remove: the confirmation says the notes are kept; the pack's documents leave the results.
  await page.getByTestId(`remove-${PACK_ID}`).click();
  const dialog = page.getByRole('dialog', { name: `¿Quitar «${PACK_NAME}»?` });
  await expect(dialog).toContainText('Tus anotaciones sobre ellos se conservan');
  await dialog.getByTestId('confirm-remove').click();
  await expect(page.getByTestId('library-message')).toHaveText(
    `Se quitó «${PACK_NAME}». Tus anotaciones sobre él se conservan.`,
  );
  await expect(rows).toHaveCount(1);
  await search(page, 'oaxaqueños');
  await expect(page.getByTestId('no-results')).toBeVisible();
  await expect(page.locator('fieldset[data-facet="archive"]')).toHaveCount(0);

  // A newer version goes in; then the older one asks first, showing both versions, and replaces it once confirmed.
  await page.getByTestId('archives-link').click();
  await page.getByTestId('pack-file-input').setInputFiles(newerFile);
  await confirmUnsigned(page);
  await expect(page.getByTestId('library-message')).toHaveText(`Se añadió «${PACK_NAME}» 2026.2: 1 documento.`);
  await page.getByTestId('pack-file-input').setInputFiles(packFile);
  await confirmUnsigned(page);
  const downgrade = page.getByRole('dialog', { name: '¿Instalar una versión anterior?' });
  await expect(downgrade).toContainText(`Tienes «${PACK_NAME}» versión 2026.2`);
  await expect(downgrade).toContainText('la versión anterior 2026.1');
  await expect(page.locator(`tr[data-archive-id="${PACK_ID}"]`)).toContainText('2026.2'); // Nothing changed while asking.
  await downgrade.getByTestId('confirm-downgrade').click();
  await expect(page.getByTestId('library-message')).toHaveText(
    `«${PACK_NAME}» volvió de 2026.2 a 2026.1. Tus anotaciones: 0 sin cambios, 0 movidas, 0 por revisar.`,
  );
  await expect(page.locator(`tr[data-archive-id="${PACK_ID}"]`)).toContainText('2026.1');

  expect(foreign, 'requests that left the app').toEqual([]);
});
