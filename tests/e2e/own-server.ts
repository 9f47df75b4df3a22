import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';

/**
 * Browser-mode servers a spec starts and stops itself (a damaged corpus, a user-data folder
 * it corrupts or locks), unlike the three shared servers of the global setup.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');

/** Builds the bundled seeds (letter + article) into a fresh corpus database with the real CLI. */
export function buildSeedsCorpus(): string {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'e2e-own-corpus-')), 'corpus.sqlite');
  const result = spawnSync(tsx, ['src-main/cli/main.ts', 'build', 'resources/corpus', '--out', out, '--name', 'Semillas e2e'], { cwd: repoRoot, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) throw new Error(`corpus build failed:\n${result.stdout}\n${result.stderr}`);
  return out;
}

export interface OwnServer {
  url: string;
  output: () => string;
  /** SIGTERM, then waits for the exit (the server closes the user database on the way out). */
  stop: () => Promise<void>;
}

export function startOwnServer(database: string, userData: string): Promise<OwnServer> {
  const child: ChildProcess = spawn(tsx, ['src-main/serve/main.ts', '--db', database, '--port', '0', '--no-build', '--user-data', userData], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[0],
          output: () => output,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
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

/**
 * Like the shared fixture: every request the page makes must go to a server this spec
 * started (`allowOrigin`), never anywhere else.
 */
export const test = base.extend<{ allowOrigin: (url: string) => void }>({
  allowOrigin: async ({ context }, use) => {
    const allowed: string[] = [];
    const foreign: string[] = [];
    context.on('request', (request) => {
      const url = request.url();
      if (!allowed.some((origin) => url.startsWith(`${origin}/`))) foreign.push(url);
    });
    await use((url) => allowed.push(new URL(url).origin));
    expect(foreign, 'requests that left the app').toEqual([]);
  },
});

export { expect };

/** Selects the first occurrence of `text` in the document body, as a drag of the mouse would. */
export async function selectInDocument(page: Page, text: string): Promise<void> {
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

/** Opens the seed letter from the library. */
export async function openLetter(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const box = page.getByRole('searchbox', { name: /^(Buscar|Search)$/ });
  await expect(box).toBeEnabled();
  await box.fill('funcion publica');
  await page.getByRole('listbox').getByRole('option').filter({ hasText: 'Carta' }).first().click();
  await expect(page.getByTestId('meta-place')).toContainText('Ciudad de México');
}
