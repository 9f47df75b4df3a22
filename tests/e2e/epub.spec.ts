import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { JSDOM } from 'jsdom';
import type { DocumentRecord } from '../../src-main/common/types';
import { buildCorpusCached } from '../support/fixtures-corpus-cache';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';
import { expect, test } from './own-server';

/**
 * "Save for offline reading" writes EPUB 3 books in the page. Each book the app writes here is
 * checked by EPUBCheck (Debian's `epubcheck`, the W3C's validator) with 0 errors, and its text
 * is compared with the archive's: every word of the longest gobiernofacil post is in the book.
 */

const EPUBCHECK_JAR = '/usr/bin/epubcheck';
const QUICK_JVM = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
const sharedCorpus = path.resolve(repoRoot, '../shared/corpus/gobiernofacil');
const LONGEST_ID = '2ad3c5546b30aa8b'; // «Tras sismos del 7 y el 19 de septiembre…», 3,027 words, 7 images
const HIGHLIGHT = 'reconstrucción con perspectiva social';

function epubcheckMissing(): string | null {
  if (!existsSync(EPUBCHECK_JAR)) return `${EPUBCHECK_JAR} is missing: install the Debian package epubcheck`;
  if (spawnSync('java', ['-version']).status !== 0) return 'java is missing: install the Debian package epubcheck';
  return null;
}

/** EPUBCheck's verdict: its messages, and how many errors (and fatal errors) it found. */
function epubcheck(file: string): { errors: number; output: string } {
  // A short run: the quick JIT tier and the serial collector halve its CPU time (same checks, same verdict).
  const result = spawnSync('java', [...QUICK_JVM, '-jar', EPUBCHECK_JAR, file], { encoding: 'utf8', timeout: 120_000 });
  const output = `${result.stdout}\n${result.stderr}`;
  const errors = (output.match(/^(ERROR|FATAL)/gm) ?? []).length;
  // The summary line ("Messages: 0 fatals / 0 errors / 0 warnings / 0 infos") goes to the test log.
  console.log(`epubcheck ${path.basename(file)}: ${/Messages:.*$/m.exec(output)?.[0] ?? output.trim()}`);
  return { errors: result.status === 0 ? errors : Math.max(errors, 1), output };
}

interface Book {
  files: Record<string, Uint8Array>;
  text(file: string): string;
  dom(file: string): Document;
}

function readBook(file: string): Book {
  const files = unzipSync(new Uint8Array(readFileSync(file)));
  const dom = (name: string) => {
    const bytes = files[`EPUB/${name}`];
    if (!bytes) throw new Error(`${name} is not in ${file}`);
    return new JSDOM(strFromU8(bytes), { contentType: 'application/xhtml+xml' }).window.document;
  };
  return { files, dom, text: (name) => dom(name).body.textContent };
}

/** How many times each word occurs (case kept: the book must carry the text as written). */
function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [word] of text.matchAll(/[\p{L}\p{N}]+/gu)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

let work = '';
let server: ServeProcess;

test.beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'e2e-epub-'));
  const database = path.join(work, 'corpus.sqlite');
  buildCorpusCached([sharedCorpus, 'resources/corpus'], 'Archivo EPUB e2e', database);
  server = await startServe({ database, userData: path.join(work, 'user') });
});

test.afterAll(async () => {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

async function download(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const target = path.join(work, name);
  await file.saveAs(target);
  return target;
}

test('a document saved as EPUB passes EPUBCheck and carries every word, its images and its note', async ({
  sharedPage: page,
  allowOrigin,
}) => {
  const missing = epubcheckMissing();
  test.skip(missing !== null, missing ?? '');
  test.setTimeout(120_000);
  allowOrigin(server.url);
  const record = (await (await fetch(new URL(`api/documents/${LONGEST_ID}`, server.url))).json()) as DocumentRecord;
  const start = record.text.indexOf(HIGHLIGHT);
  expect(start).toBeGreaterThan(0);
  const created = await fetch(new URL('api/annotations/createAnnotation', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Archive-Client': '1', 'X-Archive-Token': server.token },
    body: JSON.stringify([
      { documentId: LONGEST_ID, start, end: start + HIGHLIGHT.length, note: 'Nota para el libro', tags: ['epub'] },
    ]),
  });
  expect(created.ok).toBe(true);

  // The owner's session (its cookie, as the printed address hands it over): the book carries the note.
  await page.context().addCookies([server.ownerCookie]);
  await page.goto(`${server.url}#doc/${LONGEST_ID}`);
  await expect(page.locator('article.document .document-title')).toHaveText(record.title);
  const file = await download(page, () => page.getByTestId('save-epub').click(), 'document.epub');
  await expect(page.getByTestId('epub-progress')).toContainText('Guardado tras-sismos-del-7-y-el-19');

  const verdict = epubcheck(file);
  expect(verdict.errors, verdict.output).toBe(0);

  const book = readBook(file);
  const text = book.text('doc-1.xhtml');
  const inBook = wordCounts(text);
  const lost = [...wordCounts(record.text)].filter(([word, count]) => (inBook.get(word) ?? 0) < count);
  expect(lost, 'words of the document missing from the book').toEqual([]);
  // Its metadata header, its images (all of them, from the archive), the highlight and its note.
  const chapter = book.dom('doc-1.xhtml');
  expect(chapter.querySelector('header h1')?.textContent).toBe(record.title);
  const assetIds = new Set([...record.html.matchAll(/data-asset-id="([0-9a-f]+)"/g)].map((match) => match[1]));
  expect(assetIds.size).toBeGreaterThan(0);
  for (const assetId of assetIds) {
    expect(Object.keys(book.files).some((name) => name.startsWith(`EPUB/images/${assetId}.`))).toBe(true);
  }
  expect(chapter.querySelector('mark.highlight')?.textContent).toBe(HIGHLIGHT);
  expect(chapter.querySelector('section.reader-notes')?.textContent).toContain('Nota para el libro');
  expect(book.text('nav.xhtml')).toContain(record.title);
  expect(strFromU8(book.files['EPUB/package.opf'] ?? new Uint8Array())).toContain(
    '<dc:title>Tras sismos del 7 y el 19',
  );
});

test('a result list and the whole archive saved as EPUB pass EPUBCheck, with two-way footnotes', async ({
  sharedPage: page,
  allowOrigin,
}) => {
  const missing = epubcheckMissing();
  test.skip(missing !== null, missing ?? '');
  test.setTimeout(120_000);
  allowOrigin(server.url);
  await page.goto(`${server.url}#search?q=espionaje`);
  await expect(page.getByTestId('result-count')).toHaveText('3 resultados');
  await page.getByTestId('save-results-epub').click();
  await expect(page.getByRole('dialog')).toContainText('Guardar los 3 resultados como libro EPUB');
  await expect(page.getByTestId('epub-size')).toContainText(/^Unos \d+(,\d)? kB\.$/);
  const file = await download(page, () => page.getByTestId('save-results-epub-confirm').click(), 'results.epub');
  const verdict = epubcheck(file);
  expect(verdict.errors, verdict.output).toBe(0);

  // The letter's footnote: the call links to the note and the note links back to the call.
  const book = readBook(file);
  const chapters = Object.keys(book.files).filter((name) => /^EPUB\/doc-\d+\.xhtml$/.test(name));
  expect(chapters).toHaveLength(3);
  const letter = chapters
    .map((name) => book.dom(name.slice('EPUB/'.length)))
    .find((dom) => dom.querySelector('a[data-footnote-ref]'));
  const call = letter?.querySelector('a[data-footnote-ref]');
  const noteId = call?.getAttribute('href')?.slice(1) ?? '';
  const note = letter?.getElementById(noteId);
  expect(note?.tagName).toBe('li');
  const back = note?.querySelector('a[data-footnote-backref]')?.getAttribute('href')?.slice(1);
  expect(back).toBe(call?.id);

  // The whole archive: its size is shown first, then it is written.
  await page.getByRole('button', { name: 'Cerrar' }).click();
  await page.getByRole('searchbox').fill('');
  await expect(page.getByTestId('result-count')).toHaveText('27 documentos');
  await page.getByTestId('save-results-epub').click();
  await expect(page.getByRole('dialog')).toContainText('Guardar todo el archivo como libro EPUB');
  await expect(page.getByTestId('epub-size')).toContainText(/^Unos \d+(,\d)? kB\.$/);
  const whole = await download(page, () => page.getByTestId('save-results-epub-confirm').click(), 'archive.epub');
  const wholeVerdict = epubcheck(whole);
  expect(wholeVerdict.errors, wholeVerdict.output).toBe(0);
  expect(Object.keys(readBook(whole).files).filter((name) => /^EPUB\/doc-\d+\.xhtml$/.test(name))).toHaveLength(27);
});
