import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { buildCorpusCached } from '../support/fixtures-corpus-cache';
import { startServe, type ServeProcess } from '../support/serve-process';

/**
 * Browser-mode servers a spec starts and stops itself (a damaged corpus, a user-data folder
 * it corrupts or locks), unlike the three shared servers of the global setup.
 */

/**
 * The bundled seeds (letter + article) built with the real CLI into a fresh corpus database:
 * a copy of the one build every spec shares (the global set-up's seeds too).
 */
export function buildSeedsCorpus(): string {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'e2e-own-corpus-')), 'corpus.sqlite');
  buildCorpusCached(['resources/corpus'], 'Semillas e2e', out);
  return out;
}

export type OwnServer = ServeProcess;

/** `url` is the owner's printed address (with `?token=`): the first page load gets the owner cookie. */
export async function startOwnServer(database: string, userData: string): Promise<OwnServer> {
  const server = await startServe({ database, userData });
  return { ...server, url: server.ownerUrl };
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
      // A `blob:` URL of the app's own origin is a page's memory (kept images, a download), not the network.
      if (!allowed.some((origin) => url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`)))
        foreign.push(url);
    });
    await use((url) => allowed.push(new URL(url).origin));
    expect(foreign, 'requests that left the app').toEqual([]);
  },
});

export { expect };
export { openLetter, selectInDocument } from '../support/page-selection';
