import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCorpusCli } from '../support/serve-process';
import { buildSeedsCorpus, expect, startOwnServer, test, type OwnServer } from './own-server';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
let work: string;
let truncated: string;
let userData: string;
let server: OwnServer;
const NOTES_BYTES = Buffer.from('stands for the user database: must come out byte for byte');

test.beforeAll(async () => {
  const corpus = buildSeedsCorpus();
  work = mkdtempSync(path.join(os.tmpdir(), 'e2e-corpus-problem-'));
  truncated = path.join(work, 'corpus.sqlite');
  const bytes = readFileSync(corpus);
  writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  rmSync(path.dirname(corpus), { recursive: true, force: true });
  userData = path.join(work, 'user-data');
  mkdirSync(userData);
  writeFileSync(path.join(userData, 'user.sqlite'), NOTES_BYTES);
  server = await startOwnServer(truncated, userData);
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('a truncated corpus: a full screen says what is wrong, how to fix it, the file, and that the notes are safe', async ({
  sharedPage: page,
  allowOrigin,
}) => {
  allowOrigin(server.url);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(server.url);
  const screen = page.getByTestId('corpus-problem');
  await expect(screen).toBeVisible();
  await expect(screen).toHaveAttribute('data-code', 'truncated');
  await expect(screen.getByRole('heading', { name: 'No se puede abrir el archivo' })).toBeVisible();
  await expect(page.getByTestId('corpus-problem-what')).toHaveText(
    'El fichero del archivo está incompleto: se interrumpió una copia o la instalación.',
  );
  await expect(screen).toContainText('reinstala la aplicación o abre un paquete de archivo');
  await expect(page.getByTestId('corpus-problem-path')).toHaveText(truncated);
  await expect(page.getByTestId('corpus-problem-safe')).toHaveText(/Tus notas están a salvo/);
  // Not a stack trace: the technical sentence is folded away, and no "at file:line" anywhere.
  await expect(screen).not.toContainText(/\bat .+:\d+:\d+/);
  await page.screenshot({ path: path.join(screenshots, 'corpus-problem.png') });

  // In English too.
  await page.getByTestId('language-select').selectOption('en');
  await expect(screen.getByRole('heading', { name: 'The archive cannot be opened' })).toBeVisible();
  await expect(page.getByTestId('corpus-problem-what')).toHaveText(
    'The archive file is incomplete: a copy or an installation was interrupted.',
  );
  await expect(page.getByTestId('corpus-problem-safe')).toHaveText(/Your notes are safe/);
  expect(dialogs).toEqual([]);

  // The annotations database was never opened: same bytes, no backup, no WAL (the library may
  // have made its empty packs folder beside it, and the server its folder for pack uploads).
  expect(readdirSync(userData).filter((name) => name !== 'packs' && name !== 'incoming-packs')).toEqual([
    'user.sqlite',
  ]);
  expect(readFileSync(path.join(userData, 'user.sqlite')).equals(NOTES_BYTES)).toBe(true);
  expect(server.output()).toContain('is cut short');
});

test.describe('nothing openable, then an archive pack chosen on the start-up screen', () => {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const POST = path.resolve(repoRoot, '../shared/corpus/gobiernofacil/_posts/2017-05-30-oaxaca.md');
  let packWork: string;
  let packFile: string;
  let cutPackFile: string;
  let emptyUserData: string;
  let packServer: OwnServer;
  let otherTabServer: OwnServer;

  test.beforeAll(async () => {
    // The CLI builds a pack and two servers start: more than the default 30 s on a loaded machine.
    test.setTimeout(180_000);
    packWork = mkdtempSync(path.join(os.tmpdir(), 'e2e-corpus-problem-pack-'));
    const posts = path.join(packWork, 'source', '_posts');
    mkdirSync(posts, { recursive: true });
    copyFileSync(POST, path.join(posts, path.basename(POST)));
    packFile = path.join(packWork, 'oaxaca.archive');
    // The librarian's CLI, as a real pack is made.
    runCorpusCli([
      'pack',
      path.join(packWork, 'source'),
      '--out',
      packFile,
      '--name',
      'Oaxaca',
      '--version',
      '2026.1',
      '--id',
      'oaxaca',
    ]);
    cutPackFile = path.join(packWork, 'oaxaca-cortado.archive');
    writeFileSync(cutPackFile, readFileSync(packFile).subarray(0, 3000));
    // Its own server on the same truncated corpus, with a notes folder of its own (still empty).
    emptyUserData = path.join(packWork, 'user-data');
    mkdirSync(emptyUserData);
    packServer = await startOwnServer(truncated, emptyUserData);
    const otherUserData = path.join(packWork, 'user-data-other');
    mkdirSync(otherUserData);
    otherTabServer = await startOwnServer(truncated, otherUserData);
  });

  test.afterAll(async () => {
    await packServer?.stop();
    await otherTabServer?.stop();
    rmSync(packWork, { recursive: true, force: true });
  });

  test('the file picker installs a pack: the screen gives way to a searchable archive', async ({
    sharedPage: page,
    allowOrigin,
  }) => {
    test.setTimeout(90_000);
    allowOrigin(packServer.url);
    await page.goto(packServer.url);
    const screen = page.getByTestId('corpus-problem');
    await expect(screen).toHaveAttribute('data-code', 'truncated');
    const openPack = page.getByTestId('corpus-problem-open-pack');
    await expect(openPack).toHaveText('Abrir paquete de archivo…');
    await expect(page.getByTestId('corpus-problem-pack-input')).toHaveAttribute('accept', '.archive');
    // Nothing can be searched yet: the search box says so by being off.
    await expect(page.getByRole('searchbox', { name: 'Buscar' })).toBeDisabled();

    // A pack cut short: refused with its reason, the screen stays, no notes database appears.
    let chooser = page.waitForEvent('filechooser', { timeout: 30_000 });
    await openPack.click();
    await (await chooser).setFiles(cutPackFile);
    await expect(page.getByTestId('corpus-problem-pack-error')).toHaveText(
      /^Este archivo no se añadió: el archivo está incompleto/,
    );
    await expect(screen).toBeVisible();
    expect(readdirSync(emptyUserData).filter((name) => name !== 'packs' && name !== 'incoming-packs')).toEqual([]);

    // The real pack: installed, the screen leaves, the archive is searchable.
    chooser = page.waitForEvent('filechooser', { timeout: 30_000 });
    await openPack.click();
    await (await chooser).setFiles(packFile);
    // Unsigned, and this installer pins no publisher: it asks first, and the screen stays until the user says yes.
    const publisherDialog = page.getByRole('dialog', { name: '¿Instalar un paquete que nadie firmó?' });
    await expect(publisherDialog).toBeVisible();
    await expect(screen).toBeVisible();
    await publisherDialog.getByTestId('confirm-publisher').click();
    await expect(screen).toBeHidden({ timeout: 20_000 });
    await expect(page.getByTestId('archive-problems-banner')).toContainText('corpus.sqlite');
    const box = page.getByRole('searchbox', { name: 'Buscar' });
    await expect(box).toBeEnabled();
    await box.fill('oaxaqueños');
    const firstHit = page.locator('.result').first();
    await expect(firstHit.locator('.result-title')).toHaveText(
      'Presentación del proyecto Gobierno Abierto desde lo local para el Desarrollo Sostenible en Oaxaca',
    );
    await firstHit.click();
    await expect(page).toHaveURL(/#doc\/oaxaca~[0-9a-f]{16}/);
    await expect(page.locator('.reader')).toContainText('Katyna Argueta');
    expect(packServer.output()).toContain('is cut short');
  });

  test('a pack installed elsewhere (another tab of the owner) also ends the screen: it polls the status', async ({
    sharedPage: page,
    allowOrigin,
  }) => {
    allowOrigin(otherTabServer.url);
    await page.goto(otherTabServer.url);
    const screen = page.getByTestId('corpus-problem');
    await expect(screen).toHaveAttribute('data-code', 'truncated');
    // The upload the page itself would send, from outside the page, after its user confirmed the unsigned pack.
    const response = await fetch(new URL('api/packs?allowUntrusted=1', otherTabServer.url), {
      method: 'POST',
      headers: {
        'X-Archive-Client': '1',
        'X-Archive-Token': otherTabServer.token,
        'Content-Type': 'application/octet-stream',
      },
      body: readFileSync(packFile),
    });
    expect(response.status).toBe(200);
    await expect(screen).toBeHidden({ timeout: 10_000 });
    const box = page.getByRole('searchbox', { name: 'Buscar' });
    await expect(box).toBeEnabled();
    await box.fill('oaxaqueños');
    await expect(page.locator('.result').first().locator('.result-title')).toHaveText(
      'Presentación del proyecto Gobierno Abierto desde lo local para el Desarrollo Sostenible en Oaxaca',
    );
  });
});
