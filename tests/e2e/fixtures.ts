import { expect, test as base } from './worker-fixtures';

/**
 * Every test records every request its browser context makes and fails if any goes anywhere
 * but the app's own origin: the archive must never touch the network.
 */
export const test = base.extend<{ foreignRequests: string[] }>({
  foreignRequests: async ({ context }, use) => {
    const foreign: string[] = [];
    const allowed = [process.env.E2E_SEEDS_URL, process.env.E2E_SITE_URL, process.env.E2E_MANY_URL]
      .filter((url): url is string => Boolean(url))
      .map((url) => new URL(url).origin);
    context.on('request', (request) => {
      const url = request.url();
      // A `blob:` URL of the app's own origin is a page's memory (kept images, a download), not the network.
      if (!allowed.some((origin) => url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`)))
        foreign.push(url);
    });
    await use(foreign);
    expect(foreign, 'requests that left the app').toEqual([]);
  },
  // Depending on the recorder switches it on for every test that uses a page.
  page: async ({ page, foreignRequests: _recorder }, use) => {
    // The owner's session: the cookie the printed `?token=` address would have set.
    const cookies = JSON.parse(process.env.E2E_OWNER_COOKIES ?? '[]') as { name: string; value: string; url: string }[];
    await page.context().addCookies(cookies);
    await use(page);
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
