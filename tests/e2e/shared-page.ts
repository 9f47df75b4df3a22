import { expect, type BrowserContext, type Page, type PlaywrightTestOptions, type TestInfo } from '@playwright/test';

/**
 * What lets tests of one worker take turns on one page (`sharedPage` in ./fixtures.ts) instead
 * of each opening a new browser context: before a test the page is made as a fresh one would be
 * for everything the app keeps (no document loaded, no storage of any origin it opened, the
 * config's viewport and colour scheme), and after it what the test added to the page is taken
 * away again (listeners, routes, other tabs). The HTTP cache stays: that is the saving (the app's
 * scripts and their compiled code are not fetched and compiled again).
 *
 * What cannot be taken back must not be done on it: `addInitScript`, `exposeFunction` or
 * `exposeBinding`, `page.clock`, extra HTTP headers, device emulation (touch, mobile): such a test
 * keeps Playwright's own fresh `page`. Permissions, cookies and offline are reset.
 */

/** The test's context options (its `test.use`) that the shared context must have as the config gives them. */
export type ContextOptions = Pick<
  PlaywrightTestOptions,
  'viewport' | 'locale' | 'timezoneId' | 'colorScheme' | 'hasTouch' | 'isMobile' | 'userAgent' | 'deviceScaleFactor'
>;

/** The event-emitter side of a page or context that Playwright has at run time but does not type. */
interface Emitter {
  eventNames(): (string | symbol)[];
  listeners(event: string | symbol): unknown[];
  removeListener(event: string | symbol, listener: unknown): unknown;
}

function isEmitter(value: object): value is Emitter {
  return ['eventNames', 'listeners', 'removeListener'].every((name) => typeof Reflect.get(value, name) === 'function');
}

/** The listeners on `target` now, to remove any added later (`removeAddedListeners`). */
function listenersOf(target: Page | BrowserContext): Map<string | symbol, unknown[]> {
  const snapshot = new Map<string | symbol, unknown[]>();
  if (!isEmitter(target)) throw new Error('Playwright no longer exposes its event emitter: ./shared-page.ts');
  for (const event of target.eventNames()) snapshot.set(event, [...target.listeners(event)]);
  return snapshot;
}

/** Removes every listener `target` has that `before` did not list (a test's `page.on(…)`). */
function removeAddedListeners(target: Page | BrowserContext, before: Map<string | symbol, unknown[]>): void {
  if (!isEmitter(target)) return;
  for (const event of target.eventNames()) {
    const kept = before.get(event) ?? [];
    for (const listener of target.listeners(event)) {
      if (!kept.includes(listener)) target.removeListener(event, listener);
    }
  }
}

/**
 * Adds to `foreign` every request of `context` to an origin not in `allowed`: the archive must
 * never touch the network. `allowed` is read at each request, so a test may add to it.
 */
export function recordRequestsOutside(context: BrowserContext, allowed: string[], foreign: string[]): void {
  context.on('request', (request) => {
    const url = request.url();
    // A `blob:` URL of the app's own origin is a page's memory (kept images, a download), not the network.
    if (!allowed.some((origin) => url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`))) foreign.push(url);
  });
}

/** Every kind of storage a site can keep but cookies (cleared on their own, see `lendSharedPage`). */
const SITE_STORAGE = 'local_storage,indexeddb,cache_storage,service_workers,file_systems,websql,shader_cache';

/** Every origin a test on this worker's shared page was allowed to reach: their storage is cleared before each test. */
const originsLent = new Set<string>();

/**
 * Leaves whatever the page shows for a document that runs nothing. The app's server sends
 * Cross-Origin-Opener-Policy: same-origin on loopback, so about:blank (and then the next test's
 * app) each took a new browsing context group, hence a new renderer process: two process starts
 * per test (114 renderers over the suite before, 73 now). A JSON answer of the same server carries
 * the same policy and keeps the page's renderer; about:blank remains for any other page, or when
 * that server has stopped (after the last test of a file: asked from here first, since a page
 * sent to a stopped server goes on to Chromium's error page, which cuts the next navigation short).
 */
async function unloadApp(page: Page): Promise<void> {
  const { protocol, hostname, origin } = new URL(page.url());
  const status = `${origin}/api/status`;
  if (protocol === 'http:' && hostname === '127.0.0.1' && (await answersOk(status))) {
    const answer = await page.goto(status);
    if (answer?.ok() === true) return;
  }
  await page.goto('about:blank');
}

/** Whether a GET of `url` from here answers 2xx within a few seconds. */
async function answersOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

/**
 * The page of `context` made as a new one would be: no other tab, nothing loaded, no cookie, no
 * permission granted, online, the storage of every origin a test reached cleared, and the
 * config's viewport and colour scheme back (a test may change both).
 */
async function freshPage(context: BrowserContext, testInfo: TestInfo, options: ContextOptions): Promise<Page> {
  const { viewport, colorScheme } = testInfo.project.use;
  if (!viewport || (colorScheme !== 'light' && colorScheme !== 'dark'))
    throw new Error('the shared page needs the config to set a viewport and a light or dark colour scheme');
  // The shared context has the config's options: a test asking for others (`test.use`) needs a page of its own.
  // An option the config leaves out has Playwright's default: none, or false.
  const differing = Object.entries(options).filter(([name, value]) => {
    const configured: unknown = Reflect.get(testInfo.project.use, name);
    return configured === undefined ? Boolean(value) : JSON.stringify(value) !== JSON.stringify(configured);
  });
  if (differing.length > 0)
    throw new Error(
      `sharedPage has the config's options, not ${JSON.stringify(Object.fromEntries(differing))}: use page`,
    );
  for (const extra of context.pages().slice(1)) await extra.close();
  const page = context.pages()[0] ?? (await context.newPage());
  await unloadApp(page);
  const cdp = await context.newCDPSession(page);
  try {
    for (const origin of originsLent)
      await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: SITE_STORAGE });
  } finally {
    await cdp.detach();
  }
  await context.clearCookies();
  await context.clearPermissions();
  await context.setOffline(false);
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme, media: null, reducedMotion: null, forcedColors: null });
  return page;
}

/**
 * Lends the worker's shared page (of `context`) to one test: made fresh (`freshPage`, then
 * `prepare`, e.g. the owner cookies), every request of the test recorded and the test failed if
 * one went to an origin not in `allowed` (read at each request: a test may add to it), and what
 * the test added to the page or context (listeners, routes) removed afterwards.
 */
export async function lendSharedPage(
  context: BrowserContext,
  testInfo: TestInfo,
  options: ContextOptions,
  allowed: string[],
  prepare: (context: BrowserContext) => Promise<void>,
  use: (page: Page) => Promise<void>,
): Promise<void> {
  const page = await freshPage(context, testInfo, options);
  await prepare(context);
  const pageListeners = listenersOf(page);
  const contextListeners = listenersOf(context);
  const foreign: string[] = [];
  recordRequestsOutside(context, allowed, foreign);
  try {
    await use(page);
  } finally {
    for (const origin of allowed) originsLent.add(origin);
    removeAddedListeners(page, pageListeners);
    removeAddedListeners(context, contextListeners);
    if (!page.isClosed()) await page.unrouteAll({ behavior: 'ignoreErrors' });
    await context.unrouteAll({ behavior: 'ignoreErrors' });
  }
  expect(foreign, 'requests that left the app').toEqual([]);
}
