/**
 * The browser half of the offline proof, run by offline-proof.test.ts inside the network
 * namespace and under strace: browser mode (annotations on, a temporary user-data folder)
 * and Debian's Chromium driven by Playwright through a whole reading session — search, open
 * the letter, highlight a passage with a note, export JSON-LD and Markdown. Both processes
 * are children of this one, so strace -f sees every socket they open.
 * argv: <corpus.sqlite> <built UI folder> <work dir> <summary.json>
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { chromium, type Page } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/chromium';

const [database, staticDir, workDir, summaryFile] = process.argv.slice(2);
if (!database || !staticDir || !workDir || !summaryFile) throw new Error('usage: browser-session.ts <db> <ui dir> <work dir> <summary.json>');
const repoRoot = path.resolve(import.meta.dirname, '../..');
const QUOTE = 'ha decidido de manera unánime';
const NOTE = 'Nota escrita sin red';

function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const args = ['src-main/serve/main.ts', '--db', database!, '--port', '0', '--no-build', '--static', staticDir!, '--user-data', path.join(workDir!, 'user-data')];
  const child = spawn(path.join(repoRoot, 'node_modules/.bin/tsx'), args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[0], child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

async function selectInDocument(page: Page, text: string): Promise<void> {
  await page.locator('.document-body').evaluate((body, needle) => {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(needle);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`not in the document: ${needle}`);
  }, text);
  await page.locator('.document-body').dispatchEvent('mouseup');
}

const { url, child: server } = await startServer();
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
const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS, HOST_RULES], headless: true });
const requests: string[] = [];
try {
  const context = await browser.newContext({ locale: 'es-ES', serviceWorkers: 'block', acceptDownloads: true });
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  await page.goto(url);

  const box = page.getByRole('searchbox', { name: /^(Buscar|Search)$/ });
  await expect(box).toBeEnabled({ timeout: 20_000 });
  await box.fill('funcion publica');
  await page.getByRole('listbox').getByRole('option').filter({ hasText: 'Carta' }).first().click();
  await expect(page.getByTestId('meta-place')).toContainText('Ciudad de México');

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
  for (const [format, testId] of [['jsonld', 'export-jsonld'], ['markdown', 'export-markdown']] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    exported[format] = readFileSync((await download.path())!, 'utf8');
  }
  await context.close();

  writeFileSync(
    summaryFile,
    JSON.stringify({
      url,
      port: Number(new URL(url).port),
      requests: requests.length,
      foreignRequests: requests.filter((request) => !request.startsWith(`${origin}/`)),
      jsonldBytes: (exported.jsonld ?? '').length,
      jsonldHasNote: (exported.jsonld ?? '').includes(NOTE) && (exported.jsonld ?? '').includes(QUOTE),
      markdownHasQuote: (exported.markdown ?? '').includes(`> ${QUOTE}`) && (exported.markdown ?? '').includes(NOTE),
    }),
  );
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
