import { defineConfig } from 'vitest/config';

const ALL_TESTS = ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/hostile/**/*.test.ts'];

/**
 * Test files that replace modules or globals (vi.mock, vi.stubGlobal, fake timers, spies on
 * shared objects, process.env, a browser-like environment): each keeps a fresh module graph.
 * Every other file shares its worker's loaded modules with the files before it, which saved
 * most of the time Vitest spent importing the same sources again for each of the ~140 files.
 * A new test that mocks or stubs anything belongs in this list.
 */
const NEEDS_ISOLATION = [
  'tests/unit/citations/citations.test.ts',
  'tests/unit/electron/main-wiring.test.ts',
  'tests/unit/electron/packs.test.ts',
  'tests/unit/electron/portable-wiring.test.ts',
  'tests/unit/electron/portable.test.ts',
  'tests/unit/electron/preload.test.ts',
  'tests/unit/electron/single-instance-first.test.ts',
  'tests/unit/electron/single-instance-second.test.ts',
  'tests/unit/electron/window.test.ts',
  'tests/unit/import/pdf.test.ts',
  'tests/unit/kept/join.test.ts',
  'tests/unit/kept/request-timeout.test.ts',
  'tests/unit/search/archive-search.test.ts',
  'tests/unit/search/merged-snippets.test.ts',
  'tests/unit/serve/background-search-pool.test.ts',
  'tests/unit/renderer/**/*.test.{ts,tsx}',
];

export default defineConfig({
  test: {
    environment: 'node',
    // The CLI and browser-mode bundles the tests start as child processes, rebuilt once if stale.
    globalSetup: ['tests/support/vitest-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds of the real corpus are CPU-bound; two workers match the 2-core CI machine.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'isolated', include: NEEDS_ISOLATION } },
      { extends: true, test: { name: 'shared', include: ALL_TESTS, exclude: NEEDS_ISOLATION, isolate: false } },
    ],
  },
});
