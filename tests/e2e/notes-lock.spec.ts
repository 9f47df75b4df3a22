import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildSeedsCorpus,
  expect,
  openLetter,
  highlightPassage,
  startOwnServer,
  test,
  type OwnServer,
} from './own-server';
import { axeViolations } from './phone-checks';

/**
 * Issue 17 in the UI (browser mode on loopback, the owner's page): turn encryption on in the
 * Notes view, lock with Ctrl+L, see nothing of the letter or the notes, be refused a wrong
 * passphrase, unlock with the right one; a restart starts locked. The lock screen has no axe
 * violation at 320 px.
 */
const PASSPHRASE = 'cuatro palabras bien largas';
const NOTE = 'Nota confidencial sobre la fuente';
let corpus: string;
let work: string;
const running: OwnServer[] = [];
test.describe.configure({ timeout: 180_000 });

test.beforeAll(() => {
  corpus = buildSeedsCorpus();
  work = mkdtempSync(path.join(os.tmpdir(), 'e2e-notes-lock-'));
});
test.afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});
test.afterAll(() => {
  rmSync(path.dirname(corpus), { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

test('encrypt, lock with Ctrl+L, wrong passphrase refused, unlock; a restart starts locked', async ({
  sharedPage: page,
  allowOrigin,
}) => {
  const userData = path.join(work, 'user');
  let server = await startOwnServer(corpus, userData, { testKdf: true });
  running.push(server);
  allowOrigin(server.url);
  await openLetter(page, server.url);
  await highlightPassage(page, 'ha decidido de manera unánime', 'Verde');
  const mark = page.locator('.document-body mark.annotation').filter({ hasText: 'ha decidido de manera unánime' });
  await mark.click();
  const editor = page.getByTestId('annotation-editor');
  await editor.getByTestId('note-input').fill(NOTE);
  await editor.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByTestId('annotation-item').filter({ hasText: NOTE })).toHaveCount(1);

  await page.getByTestId('notes-link').click();
  const settings = page.getByTestId('encryption-settings');
  await settings.getByLabel('Nueva frase de paso').fill(PASSPHRASE);
  await settings.getByLabel('Repite la frase de paso').fill(PASSPHRASE);
  await settings.getByRole('button', { name: 'Cifrar mis notas' }).click();
  await expect(settings.getByRole('status')).toContainText('Cifradas', { timeout: 60_000 });
  // Nothing of the note is left in any byte of the user-data folder.
  const files = readdirSync(userData, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(userData, name))
    .filter((file) => statSync(file).isFile());
  expect(files.filter((file) => readFileSync(file).includes(Buffer.from(NOTE)))).toEqual([]);

  await page.keyboard.press('Control+l');
  const lockScreen = page.getByTestId('lock-screen');
  await expect(lockScreen).toBeVisible();
  await expect(page.locator('body')).not.toContainText(NOTE);
  await expect(page.locator('.document-body')).toHaveCount(0);
  await expect(page.getByTestId('note-row')).toHaveCount(0);

  await lockScreen.getByLabel('Frase de paso').fill('otra cosa');
  await lockScreen.getByRole('button', { name: 'Desbloquear' }).click();
  await expect(lockScreen.getByRole('alert')).toHaveText('Esa frase de paso no abre tus notas. No se cambió nada.');
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });

  await lockScreen.getByLabel('Frase de paso').fill(PASSPHRASE);
  await lockScreen.getByRole('button', { name: 'Desbloquear' }).click();
  await expect(lockScreen).toHaveCount(0);
  await expect(page.getByTestId('note-row').filter({ hasText: NOTE })).toHaveCount(1);

  await server.stop();
  running.splice(0);
  server = await startOwnServer(corpus, userData, { testKdf: true });
  running.push(server);
  allowOrigin(server.url);
  await page.goto(server.url);
  await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('body')).not.toContainText(NOTE);
});
