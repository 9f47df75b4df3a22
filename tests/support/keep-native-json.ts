import { afterEach } from 'vitest';
import { restoreNativeJsonStringify } from './native-json';

/**
 * A Vitest setup file (listed first, so the module below is evaluated before any test file can
 * load pdf.js): after each test, JSON.stringify is V8's own again (see native-json.ts for why).
 */
afterEach(() => {
  restoreNativeJsonStringify();
});
