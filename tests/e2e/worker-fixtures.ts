import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type BrowserContext } from '@playwright/test';
import { buildCorpusCached } from '../support/fixtures-corpus-cache';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';
import type { ContextOptions } from './shared-page';
import { measuringTestCpu, processTreeCpuSeconds } from './test-cpu-meter';

/** The gobiernofacil Jekyll site alone, as the phone specs read it. */
const GOBIERNOFACIL_CORPUS = path.resolve(repoRoot, '../shared/corpus/gobiernofacil');

export interface WorkerFixtures {
  gobiernofacilServer: ServeProcess;
  workerContext: BrowserContext;
}

/**
 * The one base every spec's `test` extends (./fixtures.ts, ./own-server.ts, the specs that use
 * Playwright's own), holding every worker-scoped fixture. Playwright gives each set of worker
 * fixtures (and each `test.use` of a worker option such as launch options) workers of its own: a
 * spec on a base of its own ran in a new Node process with a new Chromium, even though the two
 * workers already running could have taken it. A worker fixture here starts only when a test of
 * that worker first asks for it, so one a spec never uses costs it nothing.
 *
 * `gobiernofacilServer`: one server (its plain, visitor's `url`) per Playwright worker on the site's corpus (named "Gobierno
 * Fácil"), started the first time a spec of that worker asks for it and stopped (its folder
 * removed) when the worker ends. Only for specs that read: searches, pages, no notes or packs
 * written, so what one spec leaves cannot change what the next one sees.
 */
export const test = base.extend<{ testCpu: undefined; sharedPageOptions: ContextOptions }, WorkerFixtures>({
  /**
   * With `E2E_TEST_CPU=1`: the test's CPU (./test-cpu-meter.ts) as a `cpu` annotation in the
   * report. It depends on the context so that it is read before the context (and its renderer
   * processes, whose time would be lost) closes.
   */
  testCpu: [
    async ({ context: _context }, use, testInfo) => {
      const before = processTreeCpuSeconds();
      await use(undefined);
      testInfo.annotations.push({ type: 'cpu', description: (processTreeCpuSeconds() - before).toFixed(2) });
    },
    // Only when measuring: depending on `context`, it would otherwise give every test a fresh
    // browser context, even those on the worker's shared page (./shared-page.ts).
    { auto: measuringTestCpu },
  ],
  /**
   * The test's context options (its `test.use` over the config) that the worker's shared page
   * must be given (./shared-page.ts), read once here for every `sharedPage` fixture: Playwright
   * reads a fixture's dependencies from its literal destructuring pattern.
   */
  sharedPageOptions: async (
    { viewport, locale, timezoneId, colorScheme, hasTouch, isMobile, userAgent, deviceScaleFactor },
    use,
  ) => {
    await use({ viewport, locale, timezoneId, colorScheme, hasTouch, isMobile, userAgent, deviceScaleFactor });
  },
  /**
   * One browser context per worker with the config's own options (locale, time zone, colour
   * scheme, viewport), holding the page that specs reading the global set-up's servers share
   * (`sharedPage`, ./shared-page.ts): a new context and a first load of the app cost about three
   * times the CPU of a load in a page that already holds the app's scripts in its cache. A test
   * that fails ends its worker, so the next one starts with a new context.
   */
  workerContext: [
    async ({ browser }, use, workerInfo) => {
      const { locale, timezoneId, colorScheme, viewport, serviceWorkers } = workerInfo.project.use;
      const context = await browser.newContext({ locale, timezoneId, colorScheme, viewport, serviceWorkers });
      try {
        await use(context);
      } finally {
        await context.close();
      }
    },
    { scope: 'worker' },
  ],
  gobiernofacilServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const work = mkdtempSync(path.join(os.tmpdir(), 'e2e-gobiernofacil-'));
      try {
        const database = path.join(work, 'site.sqlite');
        buildCorpusCached([GOBIERNOFACIL_CORPUS], 'Gobierno Fácil', database);
        const server = await startServe({ database, userData: path.join(work, 'user') });
        try {
          await use(server);
        } finally {
          await server.stop();
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect } from '@playwright/test';
