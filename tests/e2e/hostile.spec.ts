import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './worker-fixtures';
import { buildCorpusCached } from '../support/fixtures-corpus-cache';
import { runCorpusCli, startServe, type ServeProcess } from '../support/serve-process';
import { writeHostileCorpus } from '../hostile/fixtures';

/**
 * Every document of the hostile corpus (tests/hostile/fixtures.ts) opened in the real reader in
 * Chromium, in browser mode: no request may leave the server's origin, no navigation may go to a
 * data:/javascript: URL, no dialog may open, no CSP violation may be reported and no payload may set
 * `window.__pwned`. The corpus is built here with the real CLI (without the 50 MB and 10 MB files,
 * which are build-time concerns covered by tests/hostile/hostile-build.test.ts).
 */

interface Hit {
  id: string;
  title: string;
}

let workDir = '';
let server: ServeProcess | null = null;
let baseUrl = '';
let hits: Hit[] = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  workDir = mkdtempSync(path.join(os.tmpdir(), 'hostile-e2e-'));
  const corpus = writeHostileCorpus(workDir, { large: false });
  const database = path.join(workDir, 'hostile.sqlite');
  buildCorpusCached([corpus.corpus], 'Hostil e2e', database);
  const listed = JSON.parse(runCorpusCli(['search', database, '', '--limit', '1000', '--json'])) as {
    total: number;
    hits: Hit[];
  };
  hits = listed.hits;
  server = await startServe({ database, userData: path.join(workDir, 'user') });
  baseUrl = server.url;
});

test.afterAll(async () => {
  await server?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('opening every hostile document triggers no request, navigation, dialog, CSP violation or payload', async ({
  page,
}) => {
  test.setTimeout(300_000);
  expect(hits.length).toBeGreaterThanOrEqual(30);
  const origin = new URL(baseUrl).origin;
  const requests: string[] = [];
  const foreign: string[] = [];
  const navigations: string[] = [];
  const dialogs: string[] = [];
  const consoleProblems: string[] = [];

  page.on('request', (request) => {
    const url = request.url();
    requests.push(url);
    // A `blob:` URL of the app's own origin is the page's memory (its favicon, kept images), not the network.
    if (!url.startsWith(`${origin}/`) && !url.startsWith(`blob:${origin}/`)) foreign.push(url);
  });
  page.on('framenavigated', (frame) => {
    const url = frame.url();
    if (!url.startsWith(`${origin}/`)) navigations.push(url);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/content security policy|refused to|__pwned/i.test(text)) consoleProblems.push(text);
  });
  await page.addInitScript(() => {
    const record = window as unknown as { __cspViolations: string[] };
    record.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      record.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });

  await page.goto(baseUrl);
  await expect(page.getByRole('searchbox', { name: /^(Buscar|Search)$/ })).toBeEnabled();

  // The result list renders titles and snippets quoting the payloads' text (`onerror=top.__pwned=1`).
  let listed = 0;
  for (const query of ['onerror', 'pwned', 'javascript', 'script', '']) {
    await page.evaluate(
      (hash) => {
        window.location.hash = hash;
      },
      `#search?q=${encodeURIComponent(query)}`,
    );
    await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible({ timeout: 20_000 });
    listed += await page.getByRole('listbox').getByRole('option').count();
    await page.getByRole('listbox').hover();
  }

  const problems: string[] = [];
  let opened = 0;
  for (const hit of hits) {
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#doc/${hit.id}`);
    // Generous: the machine running the suite may be busy (two cores, other suites in parallel).
    await expect(page.locator('.document-title')).toHaveText(hit.title, { timeout: 20_000 });
    const body = page.locator('.document-body');
    await expect(body).not.toBeEmpty({ timeout: 20_000 });
    // Give handler payloads their triggers: pointer over the text, keyboard focus moving through it.
    const box = await body.boundingBox();
    if (box) {
      for (const fraction of [0.1, 0.5, 0.9])
        await page.mouse.move(box.x + box.width * fraction, box.y + Math.min(box.height, 600) * fraction);
    }
    for (let index = 0; index < 3; index += 1) await page.keyboard.press('Tab');
    const state = await page.evaluate(() => {
      const record = window as unknown as { __pwned?: unknown; __cspViolations?: string[] };
      return {
        pwned: record.__pwned ?? null,
        violations: record.__cspViolations ?? [],
        images: Array.from(document.querySelectorAll('.document-body img')).map(
          (image) => image.getAttribute('src') ?? '',
        ),
      };
    });
    if (state.pwned !== null) problems.push(`${hit.title}: window.__pwned = ${JSON.stringify(state.pwned)}`);
    for (const source of state.images)
      if (source && !source.startsWith(`${origin}/`)) problems.push(`${hit.title}: img src ${source}`);
    opened += 1;
    // Escape back out so the next document opens from a fresh reader.
    await page.keyboard.press('Escape');
  }
  await page.waitForTimeout(500);
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

  console.log(
    `hostile documents opened: ${opened}; result rows rendered: ${listed}; requests seen: ${requests.length} (foreign: ${foreign.length}); navigations away: ${navigations.length}; dialogs: ${dialogs.length}; CSP violations: ${violations.length}; console problems: ${consoleProblems.length}`,
  );
  expect(opened).toBe(hits.length);
  expect(foreign, 'requests that left the app').toEqual([]);
  expect(navigations, 'navigations away from the app').toEqual([]);
  expect(dialogs, 'dialogs opened by a payload').toEqual([]);
  expect(violations, 'CSP violations').toEqual([]);
  expect(consoleProblems, 'console messages about blocked content').toEqual([]);
  expect(problems).toEqual([]);

  // Control: the recorders are live. A remote image added by the test itself must be reported by CSP.
  await page.evaluate(() => {
    const image = document.createElement('img');
    image.src = 'https://evil.example/control.png';
    document.body.append(image);
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.length))
    .toBeGreaterThan(0);
});
