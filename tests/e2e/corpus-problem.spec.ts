import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

test('a truncated corpus: a full screen says what is wrong, how to fix it, the file, and that the notes are safe', async ({ page, allowOrigin }) => {
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
  await expect(page.getByTestId('corpus-problem-what')).toHaveText('El fichero del archivo está incompleto: se interrumpió una copia o la instalación.');
  await expect(screen).toContainText('reinstala la aplicación o abre un paquete de archivo');
  await expect(page.getByTestId('corpus-problem-path')).toHaveText(truncated);
  await expect(page.getByTestId('corpus-problem-safe')).toHaveText(/Tus notas están a salvo/);
  // Not a stack trace: the technical sentence is folded away, and no "at file:line" anywhere.
  await expect(screen).not.toContainText(/\bat .+:\d+:\d+/);
  await page.screenshot({ path: path.join(screenshots, 'corpus-problem.png') });

  // In English too.
  await page.getByTestId('language-select').selectOption('en');
  await expect(screen.getByRole('heading', { name: 'The archive cannot be opened' })).toBeVisible();
  await expect(page.getByTestId('corpus-problem-what')).toHaveText('The archive file is incomplete: a copy or an installation was interrupted.');
  await expect(page.getByTestId('corpus-problem-safe')).toHaveText(/Your notes are safe/);
  expect(dialogs).toEqual([]);

  // The annotations database was never opened: same bytes, no backup, no WAL (the library may
  // have made its empty packs folder beside it).
  expect(readdirSync(userData).filter((name) => name !== 'packs')).toEqual(['user.sqlite']);
  expect(readFileSync(path.join(userData, 'user.sqlite')).equals(NOTES_BYTES)).toBe(true);
  expect(server.output()).toContain('is cut short');
});
