import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const ALL_TESTS = ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/hostile/**/*.test.ts'];

/**
 * Test files that replace modules or globals (vi.mock, vi.stubGlobal, fake timers, a fresh module
 * registry, writes to process.env): each keeps a fresh module graph. Every other file shares its
 * worker's loaded modules with the files before it, which saved most of the time Vitest spent
 * importing the same sources again for each of the ~140 files. Spies (vi.spyOn) need no fresh
 * process: Vitest restores every spy after each file. Found by reading each file, so a new test
 * that mocks or stubs is isolated without anyone having to remember a list.
 */
const REPLACES_SHARED_STATE = new RegExp(
  [
    /\bvi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers|resetModules)\(/.source,
    /process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete process\.env/.source,
  ].join('|'),
);

/**
 * A per-file environment other than Node's (jsdom): those files share a worker of their own (one
 * jsdom for all, each test building and removing its own nodes), as a Node worker cannot run
 * them. A fresh process and jsdom for each cost more CPU than their tests.
 */
const BROWSER_LIKE_ENVIRONMENT = /@vitest-environment\s+(?!node\b)/;

function testFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.test\.tsx?$/.test(name))
    .map((name) => path.posix.join(folder, name.split(path.sep).join('/')));
}

const FILES = ['tests/unit', 'tests/hostile'].flatMap(testFiles).map((file) => ({
  file,
  source: readFileSync(file, 'utf8'),
}));
const NEEDS_ISOLATION = FILES.filter(({ source }) => REPLACES_SHARED_STATE.test(source)).map(({ file }) => file);
const SHARED_BROWSER_LIKE = FILES.filter(
  ({ file, source }) => BROWSER_LIKE_ENVIRONMENT.test(source) && !NEEDS_ISOLATION.includes(file),
).map(({ file }) => file);

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
      { extends: true, test: { name: 'dom', include: SHARED_BROWSER_LIKE, isolate: false } },
      {
        extends: true,
        test: {
          name: 'shared',
          include: ALL_TESTS,
          exclude: [...NEEDS_ISOLATION, ...SHARED_BROWSER_LIKE],
          isolate: false,
        },
      },
    ],
  },
});
