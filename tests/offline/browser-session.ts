/**
 * The browser half of the offline proof, run by offline-proof.test.ts inside the network
 * namespace and under strace: browser mode (annotations on, a temporary user-data folder)
 * and Debian's Chromium driven by Playwright through a whole reading session — search, open
 * the letter, highlight a passage with a note, export JSON-LD and Markdown. Both processes
 * are children of this one, so strace -f sees every socket they open.
 * argv: <corpus.sqlite> <built UI folder> <work dir> <summary.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/chromium';
import { openLetter, selectInDocument } from '../support/page-selection';
import { startServe } from '../support/serve-process';

const [database, staticDir, workDir, summaryFile] = process.argv.slice(2);
if (!database || !staticDir || !workDir || !summaryFile)
  throw new Error('usage: browser-session.ts <db> <ui dir> <work dir> <summary.json>');
const QUOTE = 'ha decidido de manera unánime';
const NOTE = 'Nota escrita sin red';

const server = await startServe({ database, staticDir, userData: path.join(workDir, 'user-data') });
const url = server.url;
const origin = new URL(url).origin;
/**
 * Debian's Chromium 156 calls Google services of its own even with the shared flags
 * (tests/e2e/chromium.ts), seen in its net-log and in DNS queries on the host network:
 * - accounts.google.com/ListAccounts at start-up, on about:blank with no app at all
 *   (Playwright's SkipListAccountsWithoutGaiaCookies only works in later versions);
 * - update.googleapis.com, the update client, at start-up likewise;
 * - content-autofill.googleapis.com, Autofill asking Google about the form fields of any
 *   page with inputs (here the search box and the note editor).
 * They are the browser's, not the app's (Electron has none of them), so exactly these names
 * are resolved to nothing inside Chromium. Any other name the app might ask for still goes
 * to the system resolver, where strace sees the DNS attempt, and every request the page
 * makes is also recorded below.
 */
const BROWSER_OWN_SERVICES = ['accounts.google.com', 'update.googleapis.com', 'content-autofill.googleapis.com'];
const HOST_RULES = `--host-resolver-rules=${BROWSER_OWN_SERVICES.map((host) => `MAP ${host} ~NOTFOUND`).join(', ')}`;
const browser = await chromium.launch({
  executablePath: CHROMIUM_EXECUTABLE,
  args: [...CHROMIUM_ARGS, HOST_RULES],
  headless: true,
});
const requests: string[] = [];
try {
  const context = await browser.newContext({ locale: 'es-ES', serviceWorkers: 'block', acceptDownloads: true });
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  await openLetter(page, server.ownerUrl, 20_000);

  await selectInDocument(page, QUOTE);
  await page.getByTestId('selection-toolbar').getByRole('button', { name: 'Resaltar en Verde' }).click();
  const mark = page.locator('.document-body mark.annotation.colour-green');
  await expect(mark).toHaveText(QUOTE);
  await mark.click();
  const editor = page.getByTestId('annotation-editor');
  await editor.getByTestId('note-input').fill(NOTE);
  await editor.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByTestId('annotation-item').filter({ hasText: QUOTE })).toContainText(NOTE);

  await page.getByTestId('notes-link').click();
  const exported: Record<string, string> = {};
  for (const [format, testId] of [
    ['jsonld', 'export-jsonld'],
    ['markdown', 'export-markdown'],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    exported[format] = readFileSync(await download.path(), 'utf8');
  }
  await context.close();

  writeFileSync(
    summaryFile,
    JSON.stringify({
      url,
      port: Number(new URL(url).port),
      requests: requests.length,
      // A `blob:` URL of the page's own origin is its memory (the favicon it keeps), not the network.
      foreignRequests: requests.filter(
        (request) => !request.startsWith(`${origin}/`) && !request.startsWith(`blob:${origin}/`),
      ),
      jsonldBytes: (exported.jsonld ?? '').length,
      jsonldHasNote: (exported.jsonld ?? '').includes(NOTE) && (exported.jsonld ?? '').includes(QUOTE),
      markdownHasQuote: (exported.markdown ?? '').includes(`> ${QUOTE}`) && (exported.markdown ?? '').includes(NOTE),
    }),
  );
} finally {
  await browser.close();
  await server.stop();
}
