import type { BrowserContext, Page } from '@playwright/test';
import { expect, test as base } from './worker-fixtures';
import { lendSharedPage, recordRequestsOutside } from './shared-page';
import type { AnnotationsApi } from '../../src-main/common/api';
import { httpRouteTable } from '../../src-main/common/http-routes';
import { createHttpArchiveApi } from '../../src-renderer/api/http-client';

/** The origins of the global set-up's servers: the only places a test's page may send a request. */
function appOrigins(): string[] {
  return [process.env.E2E_SEEDS_URL, process.env.E2E_SITE_URL, process.env.E2E_MANY_URL]
    .filter((url): url is string => Boolean(url))
    .map((url) => new URL(url).origin);
}

/** The owner's session: the cookies the printed `?token=` addresses would have set (the value is the token). */
function ownerCookies(): { name: string; value: string; url: string }[] {
  return JSON.parse(process.env.E2E_OWNER_COOKIES ?? '[]') as { name: string; value: string; url: string }[];
}

async function addOwnerCookies(context: BrowserContext): Promise<void> {
  await context.addCookies(ownerCookies());
}

/**
 * Every test records every request its browser context makes and fails if any goes anywhere
 * but the app's own origin: the archive must never touch the network.
 *
 * `sharedPage`: the worker's one page (./shared-page.ts), handed to each test made as a new page
 * would be, for tests of the global servers in the config's desktop settings that do nothing to
 * the page that cannot be taken back (see there); it saves a new context and a cold load of the
 * app per test. Tests that need a fresh profile, a device or an init script take `page`.
 */
export const test = base.extend<{ foreignRequests: string[]; sharedPage: Page }>({
  foreignRequests: async ({ context }, use) => {
    const foreign: string[] = [];
    recordRequestsOutside(context, appOrigins(), foreign);
    await use(foreign);
    expect(foreign, 'requests that left the app').toEqual([]);
  },
  // Depending on the recorder switches it on for every test that uses a page.
  page: async ({ page, foreignRequests: _recorder }, use) => {
    await addOwnerCookies(page.context());
    await use(page);
  },
  sharedPage: async ({ workerContext, sharedPageOptions }, use, testInfo) => {
    await lendSharedPage(workerContext, testInfo, sharedPageOptions, appOrigins(), addOwnerCookies, use);
  },
});

export { expect };

function requiredEnv(name: 'E2E_SEEDS_URL' | 'E2E_SITE_URL' | 'E2E_MANY_URL' | 'E2E_MANY_DOCUMENTS'): string {
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: the global setup did not run`);
  return url;
}

export const seedsUrl = () => requiredEnv('E2E_SEEDS_URL');
export const siteUrl = () => requiredEnv('E2E_SITE_URL');
export const manyUrl = () => requiredEnv('E2E_MANY_URL');
export const manyDocuments = () => Number(requiredEnv('E2E_MANY_DOCUMENTS'));

/**
 * The owner's notes API of one of the global set-up's servers (`siteUrl()` …), through the
 * renderer's own client with the owner's token: for a test that must put the server's state back
 * when a first try could not (a timeout skips `finally`, and the next try meets what it left).
 */
export function ownerNotesApi(baseUrl: string): AnnotationsApi {
  const origin = new URL(baseUrl).origin;
  const token = ownerCookies().find((cookie) => new URL(cookie.url).origin === origin)?.value;
  const api = createHttpArchiveApi(baseUrl, httpRouteTable(), { ownerToken: token }).annotations;
  if (!token || !api) throw new Error(`no owner token for ${baseUrl}`);
  return api;
}
