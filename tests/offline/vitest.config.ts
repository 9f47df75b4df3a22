import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:offline`: the offline proof (network namespace + strace over the CLI and a
 * browser-mode session in Chromium) and the scan of the built bundles for URLs. Separate
 * from the unit tests because they build, start servers and need root for `unshare -n`.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/offline/**/*.test.ts'],
    environment: 'node',
    // The CLI and browser-mode bundles the sessions start, rebuilt once if stale.
    globalSetup: ['tests/support/vitest-global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    // One at a time: the proof measures processes, and the machine has two cores.
    fileParallelism: false,
  },
});
