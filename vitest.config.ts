import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/hostile/**/*.test.ts'],
    environment: 'node',
    // The CLI and browser-mode bundles the tests start as child processes, rebuilt once if stale.
    globalSetup: ['tests/support/vitest-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds of the real corpus are CPU-bound; two workers match the 2-core CI machine.
    maxWorkers: 2,
  },
});
