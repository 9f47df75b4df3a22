import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, openLetter, ownServersForSpec, highlightPassage, test, type OwnServer } from './own-server';
import { checkView } from './phone-checks';

/**
 * Issue 17's first-start question and sealed exports, as the owner meets them in browser mode:
 * fresh plain notes are asked about once (and "not now" sticks across a reload); an export
 * sealed with a passphrase holds none of the note and imports into other notes only with it.
 */
const NOTE = 'Contacto de la fuente: no compartir';
const PASSPHRASE = 'sobre cerrado con tres llaves';
// Keys derived at the test cost: what is checked here does not depend on PBKDF2's slowness.
const servers = ownServersForSpec('e2e-sealed-notes-', { testKdf: true });
test.describe.configure({ timeout: 180_000 });

function ownServer(name: string, allowOrigin: (url: string) => void): Promise<OwnServer> {
  return servers.start(name, allowOrigin);
}

test('fresh notes are asked about encryption once; "not now" is remembered', async ({
  sharedPage: page,
  allowOrigin,
}) => {
  const server = await ownServer('question', allowOrigin);
  await page.goto(server.url);
  const question = page.getByTestId('encryption-question');
  await expect(question.getByRole('heading', { name: '¿Proteger tus notas con una frase de paso?' })).toBeVisible();
  await page.setViewportSize({ width: 320, height: 640 });
  const phone = await checkView(page, 'home with the encryption question');
  expect([phone.overflow, phone.smallTargets, phone.axe]).toEqual([0, 0, 0]);
  await page.setViewportSize({ width: 1280, height: 800 });

  await question.getByRole('button', { name: 'Ahora no' }).click();
  await expect(question.getByRole('status')).toContainText('Notas › Cifrado de tus notas');
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Buscar' })).toBeEnabled();
  await expect(page.getByTestId('encryption-question')).toHaveCount(0);
});

test('"encrypt my notes" from the question encrypts them there', async ({ sharedPage: page, allowOrigin }) => {
  const server = await ownServer('question-yes', allowOrigin);
  await page.goto(server.url);
  const question = page.getByTestId('encryption-question');
  await question.getByRole('button', { name: 'Cifrar mis notas…' }).click();
  await question.getByLabel('Nueva frase de paso').fill(PASSPHRASE);
  await question.getByLabel('Repite la frase de paso').fill(PASSPHRASE);
  await question.getByRole('button', { name: 'Cifrar mis notas' }).click();
  await expect(question.getByRole('status')).toContainText('Cifradas', { timeout: 60_000 });
  await page.getByRole('dialog').getByRole('button', { name: 'Cerrar' }).click();
  await expect(page.getByTestId('encryption-question')).toHaveCount(0);
  // The server keeps them unlocked for this session; a reload shows neither the question nor a lock.
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Buscar' })).toBeEnabled();
  await expect(page.getByTestId('encryption-question')).toHaveCount(0);
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
});

test('a sealed export holds none of the note and imports back only with its passphrase', async ({
  sharedPage: page,
  allowOrigin,
}) => {
  const source = await ownServer('source', allowOrigin);
  await openLetter(page, source.url);
  await highlightPassage(page, 'ha decidido de manera unánime', 'Verde');
  await page.locator('.document-body mark.annotation').filter({ hasText: 'ha decidido de manera unánime' }).click();
  const editor = page.getByTestId('annotation-editor');
  await editor.getByTestId('note-input').fill(NOTE);
  await editor.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByTestId('annotation-item').filter({ hasText: NOTE })).toHaveCount(1);

  await page.getByTestId('notes-link').click();
  const sealing = page.getByTestId('sealed-export');
  await sealing.getByLabel('Cifrar la exportación con una frase de paso').check();
  await sealing.getByLabel('Frase de paso de la exportación').fill(PASSPHRASE);
  await sealing.getByLabel('Repite la frase de paso').fill('otra distinta');
  await page.getByTestId('export-jsonld').click();
  await expect(page.getByTestId('notes-message')).toHaveText('Las dos frases de paso de la exportación no coinciden.');
  await sealing.getByLabel('Repite la frase de paso').fill(PASSPHRASE);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId('export-jsonld').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^anotaciones-\d{4}-\d{2}-\d{2}\.archivo-cifrado\.json$/);
  const sealedFile = path.join(servers.work(), download.suggestedFilename());
  await download.saveAs(sealedFile);
  const sealed = readFileSync(sealedFile, 'utf8');
  expect(sealed).toContain('"archivo-offline-encrypted-export"');
  for (const secret of [NOTE, 'ha decidido de manera unánime']) expect(sealed).not.toContain(secret);

  const target = await ownServer('target', allowOrigin);
  await page.goto(target.url);
  await page.getByTestId('notes-link').click();
  await page.getByTestId('import-input').setInputFiles(sealedFile);
  const prompt = page.getByTestId('sealed-import');
  await expect(prompt.getByRole('heading')).toContainText('está cifrado');
  await prompt.getByLabel('Frase de paso del archivo').fill('no es esta');
  await prompt.getByRole('button', { name: 'Importar' }).click();
  await expect(prompt.getByRole('alert')).toContainText('No se importó nada.');
  await expect(page.getByTestId('note-row')).toHaveCount(0);
  await prompt.getByLabel('Frase de paso del archivo').fill(PASSPHRASE);
  await prompt.getByRole('button', { name: 'Importar' }).click();
  await expect(page.getByTestId('sealed-import')).toHaveCount(0);
  await expect(page.getByTestId('note-row').filter({ hasText: NOTE })).toHaveCount(1);
});
