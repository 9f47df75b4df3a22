import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const ALL_TESTS = ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/hostile/**/*.test.ts'];

/**
 * Test files that replace modules or globals (vi.mock, vi.stubGlobal, fake timers, spies on
 * shared objects, writes to process.env) or run in a browser-like environment: each keeps a fresh
 * module graph. Every other file shares its worker's loaded modules with the files before it,
 * which saved most of the time Vitest spent importing the same sources again for each of the
 * ~140 files. Found by reading each file, so a new test that mocks or stubs is isolated without
 * anyone having to remember a list.
 */
const REPLACES_SHARED_STATE =
  /\bvi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers|spyOn)\(|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete process\.env/;

function needsIsolation(file: string): boolean {
  return file.startsWith('tests/unit/renderer/') || REPLACES_SHARED_STATE.test(readFileSync(file, 'utf8'));
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
