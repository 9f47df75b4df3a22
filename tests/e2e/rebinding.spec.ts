import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSeedsCorpus, expect, test } from './own-server';
import { startServe, type ServeProcess } from '../support/serve-process';

/**
 * DNS rebinding in a real browser: Chromium resolves evil.example and archivo.lan to 127.0.0.1
 * (E2E_CHROMIUM_ARGS in ./chromium.ts, as an attacker's DNS would after the page loaded), so a page at `http://evil.example:PORT/`
 * is same-origin with itself and reaches this computer's server. It must get nothing; a name
 * the owner allowed for a shared server works.
 */

let workDir = '';
let database = '';
const servers: ServeProcess[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  workDir = mkdtempSync(path.join(os.tmpdir(), 'e2e-rebinding-'));
  database = buildSeedsCorpus();
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  rmSync(workDir, { recursive: true, force: true });
  rmSync(path.dirname(database), { recursive: true, force: true });
});

async function serve(extraArgs: string[] = []): Promise<ServeProcess> {
  const server = await startServe({
    database,
    userData: mkdtempSync(path.join(workDir, 'user-')),
    extraArgs,
  });
  servers.push(server);
  return server;
}

test('a rebinding page gets nothing from the owner session: no page, no archive, no notes', async ({
  page,
  allowOrigin,
}) => {
  test.setTimeout(60_000);
  const server = await serve();
  const port = new URL(server.url).port;
  const evil = `http://evil.example:${port}/`;
  allowOrigin(evil);
  const response = await page.goto(evil);
  expect(response?.status()).toBe(403);
  await expect(page.locator('body')).toContainText('does not answer to that host name');
  // What the attacker's script would try from its (now same-origin) page.
  const answers = await page.evaluate(async () => {
    const routes = ['api/status', 'api/archives', 'api/corpus', 'api/packs', 'index.html', '?token=x'];
    const read = await Promise.all(
      routes.map(async (route) => {
        const answer = await fetch(route);
        return { route, status: answer.status, body: await answer.text() };
      }),
    );
    const search = await fetch('api/search', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'espionaje' }),
    });
    const notes = await fetch('api/annotations/listBackups', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Archive-Client': '1' },
      body: '[]',
    });
    return [
      ...read,
      { route: 'search', status: search.status, body: await search.text() },
      { route: 'notes', status: notes.status, body: await notes.text() },
    ];
  });
  for (const answer of answers) {
    expect(answer.status, answer.route).toBe(403);
    expect(answer.body, answer.route).not.toContain('Semillas');
    expect(answer.body, answer.route).not.toContain('Carta');
  }
});

test('a shared server answers archivo.lan only when it was allowed', async ({ page, allowOrigin }) => {
  test.setTimeout(90_000);
  const [allowed, notAllowed] = await Promise.all([
    serve(['--host', '0.0.0.0', '--allowed-host', 'archivo.lan']),
    serve(['--host', '0.0.0.0']),
  ]);
  const allowedUrl = `http://archivo.lan:${new URL(allowed.url).port}/`;
  const refusedUrl = `http://archivo.lan:${new URL(notAllowed.url).port}/`;
  allowOrigin(allowedUrl);
  allowOrigin(refusedUrl);
  expect((await page.goto(refusedUrl))?.status()).toBe(403);
  expect((await page.goto(allowedUrl))?.status()).toBe(200);
  const box = page.getByRole('searchbox', { name: /^(Buscar|Search)$/ });
  await expect(box).toBeEnabled();
  await box.fill('espionaje');
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(2);
});
