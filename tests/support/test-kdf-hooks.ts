import { afterAll, beforeAll } from 'vitest';
import { setKdfIterationsForTests } from '../../src-main/core/userdata/user-database-cipher';
import { useTestKdfIterations } from './test-kdf';

/**
 * Registers, at a test file's top level, the test iteration count (./test-kdf.ts) for that
 * file's tests, and the count before restored after them: files of Vitest's shared project run
 * one after another in a worker with the same loaded modules, so the next file starts as shipped.
 */
export function withTestKdfIterations(): void {
  let previous: number | null = null;
  beforeAll(() => {
    previous = useTestKdfIterations();
  });
  afterAll(() => {
    if (previous !== null) setKdfIterationsForTests(previous);
  });
}
