import path from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, seedsUrl, test } from './fixtures';
import { openLetter, highlightPassage, selectForHighlight } from '../support/page-selection';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
mkdirSync(screenshots, { recursive: true });
const QUOTE = 'ha decidido de manera unánime';

test('highlight, note, reload, Notes view, Markdown export, delete + undo, result marker', async ({
  sharedPage: page,
}) => {
  await openLetter(page, seedsUrl());
  await highlightPassage(page, QUOTE, 'Verde');
  const mark = page.locator('.document-body mark.annotation.colour-green');
  await expect(mark).toHaveText(QUOTE);

  // Clicking the highlight opens its note editor: a two-line note and a tag.
  await mark.click();
  const editor = page.getByTestId('annotation-editor');
  await editor.getByTestId('note-input').fill('Primera línea de la nota\nSegunda línea');
  // Escape while writing keeps the reader and the unsaved note (it only goes back from the text).
  await editor.getByTestId('note-input').press('Escape');
  await expect(editor.getByTestId('note-input')).toHaveValue('Primera línea de la nota\nSegunda línea');
  await editor.getByTestId('tags-input').fill('gobierno-abierto');
  await editor.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByTestId('annotation-item').filter({ hasText: QUOTE })).toContainText('Segunda línea');

  await page.reload();
  await expect(page.locator('.document-body mark.annotation.colour-green')).toHaveText(QUOTE);
  const item = page.getByTestId('annotation-item').filter({ hasText: QUOTE });
  await expect(item).toContainText('Primera línea de la nota');
  await expect(item).toContainText('#gobierno-abierto');
  await page.locator('.document-body mark.annotation.colour-green').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshots, 'annotations.png') });

  // The Notes view finds it by a word typed without its accent.
  await page.getByTestId('notes-link').click();
  await page.getByTestId('notes-search').fill('unanime');
  const row = page.getByTestId('note-row').filter({ hasText: QUOTE });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Segunda línea');
  await expect(row).toContainText('23 de mayo de 2017');
  await page.screenshot({ path: path.join(screenshots, 'notes-view.png') });

  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId('export-markdown').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^anotaciones-\d{4}-\d{2}-\d{2}\.md$/);
  const markdown = readFileSync(await download.path(), 'utf8');
  expect(markdown).toContain(`> ${QUOTE}`);

  // The filters narrow the list: another colour hides the green note, its own tag keeps it.
  const filters = page.locator('.notes-filters');
  await filters.getByLabel('Color', { exact: true }).selectOption('blue');
  await expect(row).toHaveCount(0);
  await filters.getByLabel('Color', { exact: true }).selectOption('');
  await filters.getByLabel('Etiquetas', { exact: true }).selectOption('gobierno-abierto');
  await expect(row).toHaveCount(1);
  await filters.getByLabel('Etiquetas', { exact: true }).selectOption('');

  // Open at the passage, delete, undo.
  await row.click();
  await expect(page).toHaveURL(/#doc\/[0-9a-f]{16}\?.*a=[0-9a-f-]{36}/);
  await page.getByTestId('annotation-editor').getByRole('button', { name: 'Eliminar' }).click();
  await expect(page.locator('.document-body mark.annotation.colour-green')).toHaveCount(0);
  await page.getByTestId('toast').getByRole('button', { name: 'Deshacer' }).click();
  await expect(page.locator('.document-body mark.annotation.colour-green')).toHaveText(QUOTE);
  await expect(page.getByTestId('annotation-item').filter({ hasText: QUOTE })).toContainText('Segunda línea');

  // The result list marks the letter as annotated.
  await page.getByTestId('notes-link').click();
  await page.getByRole('link', { name: 'Biblioteca' }).click();
  const letterRow = page.getByRole('listbox').getByRole('option').filter({ hasText: 'Carta' }).first();
  await expect(letterRow.getByTestId('annotation-marker')).toHaveAttribute('aria-label', /anotaci/);
});

test('keyboard path: a selection plus Ctrl+Shift+H highlights it in yellow, in English too', async ({
  sharedPage: page,
}) => {
  await openLetter(page, seedsUrl());
  const passage = 'pérdida de confianza';
  // The toolbar shows that the reader holds the selection: pressed before that, while the reader
  // still redraws its text with the notes' marks, the keys found no selection (seen once in a
  // clean run, 2026-12-07), as a person's would, who then selects again.
  await selectForHighlight(page, passage);
  await page.keyboard.press('Control+Shift+H');
  const mark = page.locator('.document-body mark.annotation.colour-yellow').filter({ hasText: passage });
  await expect(mark).toHaveText(passage);
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Annotations' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add note about this document' })).toBeVisible();
});

test('import: a JSON-LD export comes back as unchanged; a broken file gets the error sentence and changes nothing', async ({
  sharedPage: page,
}) => {
  await openLetter(page, seedsUrl());
  await highlightPassage(page, 'falta de condiciones', 'Azul');
  await expect(page.locator('.document-body mark.annotation.colour-blue')).toHaveText('falta de condiciones');
  await page.getByTestId('notes-link').click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId('export-jsonld').click(),
  ]);
  const jsonld = readFileSync(await download.path(), 'utf8');
  expect(jsonld).toContain('falta de condiciones');
  await page
    .getByTestId('import-input')
    .setInputFiles({ name: 'notas.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(jsonld) });
  await expect(page.getByTestId('notes-message')).toHaveText(
    /^0 añadidas, \d+ actualizadas, [1-9]\d* sin cambios, 0 huérfanas$/,
  );
  const before = await page.getByTestId('notes-count').textContent();
  await page.getByTestId('import-input').setInputFiles({
    name: 'roto.jsonld',
    mimeType: 'application/ld+json',
    buffer: Buffer.from('{"type": "AnnotationCollection", "items": [ {"id": 5} ]}'),
  });
  await expect(page.getByTestId('notes-message')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('notes-message')).toHaveText(
    'La petición no es válida: items[0].id: Invalid input: expected string, received number',
  );
  expect(await page.getByTestId('notes-count').textContent()).toBe(before);
});
