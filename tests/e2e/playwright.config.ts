import { defineConfig } from '@playwright/test';
import { E2E_CHROMIUM_ARGS, E2E_CHROMIUM_EXECUTABLE } from './chromium';

/**
 * End-to-end tests of the real UI against the real core in browser mode, in Debian's
 * Chromium, its headless shell when installed (./chromium.ts; Playwright never downloads a
 * browser here). `browser.launch` gives every run a
 * fresh temporary profile (its own --user-data-dir), so nothing carries over between runs.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  outputDir: '../../test-results',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  workers: 2,
  // One retry: a spec that fails once and then passes is reported as flaky, by name, in the
  // summary `npm test` prints last (scripts/test-all.mjs), so it is seen and fixed; a spec
  // that fails twice fails the run.
  retries: 1,
  // With PLAYWRIGHT_JSON_OUTPUT_NAME set (scripts/test-costs.mjs reads that report), a JSON report too.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    headless: true,
    locale: 'es-ES',
    timezoneId: 'America/Mexico_City',
    colorScheme: 'light',
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: E2E_CHROMIUM_EXECUTABLE,
      args: [...E2E_CHROMIUM_ARGS],
    },
  },
});
