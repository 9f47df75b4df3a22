import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Temp folders made by shared test helpers that hand back an open resource (a corpus a test keeps
 * reading), so the helper cannot remove the folder itself. Each is removed after the test file
 * that made it (tests/support/remove-temp-folders.ts, one of Vitest's setup files), so a run
 * leaves nothing in the system's temp folder.
 */
const made = new Set<string>();

/** A fresh folder under the system's temp folder, removed after the current test file. */
export function makeTempFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(folder);
  return folder;
}

/** Removes every folder makeTempFolder made so far; returns how many. */
export function removeTempFolders(): number {
  const folders = [...made];
  made.clear();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  return folders.length;
}
