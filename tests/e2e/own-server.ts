import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test as base } from './worker-fixtures';
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
 * come from ./worker-fixtures.ts, the base every spec shares.
 */
export const test = base.extend<{ allowOrigin: (url: string) => void }>({
  allowOrigin: async ({ context }, use) => {
    const allowed: string[] = [];
    const foreign: string[] = [];
    context.on('request', (request) => {
      const url = request.url();
      // A `blob:` URL of the app's own origin is a page's memory (kept images, a download), not the network.
      if (!allowed.some((origin) => url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`)))
        foreign.push(url);
    });
    await use((url) => allowed.push(new URL(url).origin));
    expect(foreign, 'requests that left the app').toEqual([]);
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
export { openLetter, selectForHighlight, selectInDocument } from '../support/page-selection';
