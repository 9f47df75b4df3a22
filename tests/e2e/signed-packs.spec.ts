import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './own-server';
import { buildCorpusCached } from '../support/fixtures-corpus-cache';
import { repoRoot, runCorpusCli, startServe, type ServeProcess } from '../support/serve-process';
import { viewSwitchComplete } from './view-switch';

/**
 * Signed packs in the real UI (browser mode): an installer whose bundled corpus has a
 * publishers.json beside it (written by the real `corpus publishers`, as `npm run dist` does)
 * pinning a key made by `corpus key new`. A pack signed with it, picked together with its
 * .minisig, installs and shows "Firmado", the publisher and the fingerprint; an unsigned pack
 * asks first, showing what it is, and shows "Sin firma" once the user confirms.
 */

let workDir = '';
let server: ServeProcess | null = null;
let signedPack = '';
let unsignedPack = '';
let fingerprint = '';
/** An installer built without `--publisher-key`: no publishers.json beside its corpus. */
let unpinnedServer: ServeProcess | null = null;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  workDir = mkdtempSync(path.join(os.tmpdir(), 'signed-packs-e2e-'));
  const seeds = path.join(workDir, 'seeds.sqlite');
  buildCorpusCached(['resources/corpus'], 'Semillas e2e', seeds);
  const passphrase = path.join(workDir, 'frase.txt');
  writeFileSync(passphrase, 'frase de paso de prueba\n');
  const key = path.join(workDir, 'editorial.key');
  const made = JSON.parse(
    runCorpusCli([
      'key',
      'new',
      '--key',
      key,
      '--name',
      'Editorial Sonora',
      '--passphrase-file',
      passphrase,
      '--kdf-cost',
      'interactive',
      '--json',
    ]),
  ) as { fingerprint: string; publicKeyFile: string };
  fingerprint = made.fingerprint;
  runCorpusCli(['publishers', '--key', made.publicKeyFile, '--out', path.join(workDir, 'publishers.json')]);
  const source = path.join(repoRoot, 'resources/corpus');
  signedPack = path.join(workDir, 'firmado.archive');
  runCorpusCli([
    'pack',
    source,
    '--out',
    signedPack,
    '--name',
    'Semillas firmadas',
    '--id',
    'firmado',
    '--version',
    '2026.1',
    '--sign',
    key,
    '--passphrase-file',
    passphrase,
  ]);
  unsignedPack = path.join(workDir, 'sin-firma.archive');
  runCorpusCli(['pack', source, '--out', unsignedPack, '--name', 'Semillas sin firma', '--id', 'sin-firma']);
  server = await startServe({ database: seeds, userData: path.join(workDir, 'user') });
  const unpinned = path.join(workDir, 'sin-editores');
  mkdirSync(unpinned);
  const unpinnedSeeds = path.join(unpinned, 'seeds.sqlite');
  copyFileSync(seeds, unpinnedSeeds);
  unpinnedServer = await startServe({ database: unpinnedSeeds, userData: path.join(unpinned, 'user') });
});

test.afterAll(async () => {
  await server?.stop();
  await unpinnedServer?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('a pinned publisher’s pack shows who signed it; an unsigned one asks first', async ({
  sharedPage: page,
  allowOrigin,
}) => {
  test.setTimeout(120_000);
  allowOrigin(server?.url ?? '');
  // The owner's session (the cookie the printed address hands over): only it may install packs.
  if (server) await page.context().addCookies([server.ownerCookie]);
  await page.goto(server?.url ?? '');
  await expect(page.getByRole('searchbox', { name: 'Buscar' })).toBeEnabled();
  await viewSwitchComplete(page);
  await page.getByTestId('archives-link').click();
  await expect(page.getByTestId('publisher-bundled')).toHaveText('Incluido');

  await page.getByTestId('pack-file-input').setInputFiles([signedPack, `${signedPack}.minisig`]);
  await expect(page.getByTestId('library-message')).toContainText('Se añadió «Semillas firmadas» 2026.1');
  const signed = page.getByTestId('publisher-firmado');
  await expect(signed.locator('[data-signature]')).toHaveText('Firmado');
  await expect(signed).toContainText('Editorial Sonora');
  await expect(signed).toContainText(`Huella ${fingerprint}`);

  await page.getByTestId('pack-file-input').setInputFiles(unsignedPack);
  const dialog = page.getByRole('dialog', { name: '¿Instalar un paquete que nadie firmó?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('«Semillas sin firma»');
  await expect(page.locator('tr[data-archive-id="sin-firma"]')).toHaveCount(0);
  await page.getByTestId('confirm-publisher').click();
  await expect(page.getByTestId('library-message')).toContainText('Se añadió «Semillas sin firma»');
  await expect(page.getByTestId('publisher-sin-firma').locator('[data-signature]')).toHaveText('Sin firma');

  // Narrow screens keep the fingerprint readable.
  await page.setViewportSize({ width: 320, height: 700 });
  await expect(signed).toContainText(fingerprint);
});

test('an installer that pins no publisher asks before any pack, showing the signing key’s fingerprint', async ({
  sharedPage: page,
  allowOrigin,
}) => {
  test.setTimeout(120_000);
  allowOrigin(unpinnedServer?.url ?? '');
  if (unpinnedServer) await page.context().addCookies([unpinnedServer.ownerCookie]);
  await page.goto(unpinnedServer?.url ?? '');
  await expect(page.getByRole('searchbox', { name: 'Buscar' })).toBeEnabled();
  await viewSwitchComplete(page);
  await page.getByTestId('archives-link').click();
  const rows = page.getByTestId('library-table').locator('tbody tr');
  await expect(rows).toHaveCount(1);

  // Signed, but by a key this installer was never told about: the warning shows its fingerprint.
  await page.getByTestId('pack-file-input').setInputFiles([signedPack, `${signedPack}.minisig`]);
  const unknown = page.getByRole('dialog', { name: '¿Instalar un paquete de un editor desconocido?' });
  await expect(unknown).toContainText('«Semillas firmadas» versión 2026.1');
  await expect(unknown.getByTestId('publisher-fingerprint')).toHaveText(fingerprint);
  // Cancelled: nothing installed.
  await unknown.getByRole('button', { name: 'Cancelar' }).click();
  await expect(unknown).toBeHidden();
  await expect(rows).toHaveCount(1);

  // Confirmed after comparing the fingerprint: installed, its state shown as an unknown key.
  await page.getByTestId('pack-file-input').setInputFiles([signedPack, `${signedPack}.minisig`]);
  await expect(unknown.getByTestId('publisher-fingerprint')).toHaveText(fingerprint);
  await unknown.getByTestId('confirm-publisher').click();
  await expect(page.getByTestId('library-message')).toContainText('Se añadió «Semillas firmadas» 2026.1');
  await expect(page.getByTestId('publisher-firmado').locator('[data-signature]')).toHaveText('Clave desconocida');

  // Unsigned: asks too, and does not install while the question is open.
  await page.getByTestId('pack-file-input').setInputFiles(unsignedPack);
  const unsigned = page.getByRole('dialog', { name: '¿Instalar un paquete que nadie firmó?' });
  await expect(unsigned).toContainText('«Semillas sin firma»');
  await expect(page.locator('tr[data-archive-id="sin-firma"]')).toHaveCount(0);
  await page.setViewportSize({ width: 320, height: 700 });
  await expect(unsigned.getByTestId('confirm-publisher')).toBeInViewport();
});
