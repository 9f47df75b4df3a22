import { afterAll } from 'vitest';
import { removeTempFolders } from './temp-folders';

/**
 * A Vitest setup file: runs before each test file, so this `afterAll` is the file's last hook
 * (after hooks run in reverse order) and removes the temp folders its helpers made
 * (./temp-folders.ts) once the file's own hooks closed what they opened.
 */
afterAll(() => {
  removeTempFolders();
});
