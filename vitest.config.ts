import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const ALL_TESTS = ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/hostile/**/*.test.ts'];

/**
 * Test files that replace modules or globals (vi.mock, vi.stubGlobal, fake timers, spies on
 * shared objects, writes to process.env), and renderer tests in a browser-like environment (React
 * and DOM globals of jsdom): each keeps a fresh module graph. Every other file shares its worker's loaded modules with the files before it,
 * which saved most of the time Vitest spent importing the same sources again for each of the
 * ~140 files. Found by reading each file, so a new test that mocks or stubs is isolated without
 * anyone having to remember a list.
 */
const REPLACES_SHARED_STATE =
  /\bvi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers|spyOn)\(|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete process\.env/;

/**
 * A per-file environment other than Node's (jsdom). The renderer's other tests are plain functions
 * of their arguments (each i18next instance its own) and share a worker: a fresh process for each of
 * those 18 files cost more CPU than their tests.
 */
const BROWSER_LIKE_ENVIRONMENT = /@vitest-environment\s+(?!node\b)/;

function needsIsolation(file: string): boolean {
  const source = readFileSync(file, 'utf8');
  return (
    REPLACES_SHARED_STATE.test(source) ||
    (file.startsWith('tests/unit/renderer/') && BROWSER_LIKE_ENVIRONMENT.test(source))
  );
}

function testFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.test\.tsx?$/.test(name))
    .map((name) => path.posix.join(folder, name.split(path.sep).join('/')));
}

const NEEDS_ISOLATION = ['tests/unit', 'tests/hostile'].flatMap(testFiles).filter(needsIsolation);

export default defineConfig({
  test: {
    environment: 'node',
    // The CLI and browser-mode bundles the tests start as child processes, rebuilt once if stale.
    globalSetup: ['tests/support/vitest-global-setup.ts'],
    // Removes, after each file, the temp folders its shared helpers made (tests/support/temp-folders.ts).
    setupFiles: ['tests/support/remove-temp-folders.ts'],
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
