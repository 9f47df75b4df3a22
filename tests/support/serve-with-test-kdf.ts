/**
 * Browser mode with the test key cost: the entry of build/serve-test-kdf/serve.mjs
 * (scripts/build-test-serve-kdf.mjs), which only the end-to-end specs of encrypted notes start
 * (tests/support/serve-process.ts, `testKdf`). It lowers this process's notes-at-rest key
 * derivations to TEST_KDF_ITERATIONS, then runs the real server's entry unchanged. The seam is
 * this file: the app's sources never set the count (tests/unit/userdata/shipped-kdf.test.ts),
 * and the shipped browser-mode bundle holds no call of it (tests/unit/serve/test-kdf-serve.test.ts).
 */
import { useTestKdfIterations } from './test-kdf';

useTestKdfIterations();
// Imported only now, so the count is set before the server's start-up opens the notes.
await import('../../src-main/serve/main');
