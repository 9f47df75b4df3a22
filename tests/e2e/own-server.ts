import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test as base } from './worker-fixtures';
import { lendSharedPage, recordRequestsOutside } from './shared-page';
import { buildCorpusCached } from '../support/fixtures-corpus-cache';
import { startServe, type ServeProcess } from '../support/serve-process';

/**
 * Browser-mode servers a spec starts and stops itself (a damaged corpus, a user-data folder
 * it corrupts or locks), unlike the three shared servers of the global setup.
 */

/**
 * The bundled seeds (letter + article) built with the real CLI into a fresh corpus database:
 * a copy of the one build every spec shares (the global set-up's seeds too). Written in a temp
 * folder of its own (the caller removes `path.dirname` of the answer), or in `folder`, which the
 * caller already removes.
 */
export function buildSeedsCorpus(folder?: string): string {
  const out = path.join(folder ?? mkdtempSync(path.join(os.tmpdir(), 'e2e-own-corpus-')), 'corpus.sqlite');
  buildCorpusCached(['resources/corpus'], 'Semillas e2e', out);
  return out;
}

export type OwnServer = ServeProcess;

/**
 * `url` is the owner's printed address (with `?token=`): the first page load gets the owner cookie.
 * `testKdf`: the notes' keys derived at the test cost (tests/support/serve-with-test-kdf.ts), for
 * specs of encrypted notes, where SQLCipher 4's count costs about a second of CPU per open.
 */
export async function startOwnServer(
  database: string,
  userData: string,
  { testKdf = false }: { testKdf?: boolean } = {},
): Promise<OwnServer> {
  const server = await startServe({ database, userData, testKdf });
  return { ...server, url: server.ownerUrl };
}

/**
 * Like the shared fixture: every request the page makes must go to a server this spec
 * started (`allowOrigin`), never anywhere else. The worker's shared servers (`gobiernofacilServer`)
 * come from ./worker-fixtures.ts, the base every spec shares. `sharedPage`: the worker's one page
 * lent to the test, made fresh (./shared-page.ts), for tests in the config's desktop settings that
 * do nothing to it that cannot be taken back; it saves a new context per test, and when the
 * spec's server is the one of the test before, the app's load from cache.
 */
export const test = base.extend<{ allowedOrigins: string[]; allowOrigin: (url: string) => void; sharedPage: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  allowedOrigins: async ({}, use) => {
    await use([]);
  },
  allowOrigin: async ({ allowedOrigins }, use) => {
    await use((url) => allowedOrigins.push(new URL(url).origin));
  },
  page: async ({ page, allowedOrigins }, use) => {
    const foreign: string[] = [];
    recordRequestsOutside(page.context(), allowedOrigins, foreign);
    await use(page);
    expect(foreign, 'requests that left the app').toEqual([]);
  },
  sharedPage: async ({ workerContext, sharedPageOptions, allowedOrigins }, use, testInfo) => {
    await lendSharedPage(workerContext, testInfo, sharedPageOptions, allowedOrigins, async () => {}, use);
  },
});

/**
 * What every spec with servers of its own repeats, registered at the spec's top level: the seeds
 * corpus built once, one work folder whose subfolders hold each server's user data, every server
 * stopped after its test, and both folders removed at the end.
 */
export function ownServersForSpec(
  prefix: string,
  options: { testKdf?: boolean } = {},
): {
  /** The spec's work folder (set once `beforeAll` ran). */
  work: () => string;
  start: (userData: string, allowOrigin: (url: string) => void) => Promise<OwnServer>;
  stop: (server: OwnServer) => Promise<void>;
} {
  let corpus = '';
  let work = '';
  const running: OwnServer[] = [];
  test.beforeAll(() => {
    corpus = buildSeedsCorpus();
    work = mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  test.afterEach(async () => {
    for (const server of running.splice(0)) await server.stop();
  });
  test.afterAll(() => {
    rmSync(path.dirname(corpus), { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });
  return {
    work: () => work,
    start: async (userData, allowOrigin) => {
      const server = await startOwnServer(corpus, path.join(work, userData), options);
      running.push(server);
      allowOrigin(server.url);
      return server;
    },
    stop: async (server) => {
      running.splice(running.indexOf(server), 1);
      await server.stop();
    },
  };
}

export { expect };
export { highlightPassage, openLetter, selectForHighlight, selectInDocument } from '../support/page-selection';
