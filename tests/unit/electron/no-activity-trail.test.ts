import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

/**
 * Issue 17, "leave no trail": what the user searched, read or wrote lives only in the user
 * database (encrypted when they chose so). These guards keep it that way as the code grows:
 * the Chromium profile's storage holds UI preferences only, and no crash dumps are collected.
 */

const root = path.resolve(import.meta.dirname, '../../..');

function sources(folder: string): Array<{ file: string; text: string }> {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|tsx|mts|mjs)$/.test(name))
    .map((name) => ({ file: path.join(folder, name), text: readFileSync(path.join(root, folder, name), 'utf8') }));
}

it('the renderer writes only preference keys to localStorage, never search or reading activity', () => {
  const storageUsers = sources('src-renderer').filter(({ text }) => /\blocalStorage\b|\bsessionStorage\b/.test(text));
  // Each file that touches web storage, reviewed: theme, language, text size, a notice seen, the lock's idle time.
  expect(storageUsers.map(({ file }) => file).sort()).toEqual([
    path.join('src-renderer', 'lib', 'preferences.ts'),
    path.join('src-renderer', 'lock', 'use-notes-lock.ts'),
  ]);
  const keys = storageUsers.flatMap(({ text }) => [...text.matchAll(/'(archiv[oe]\.[A-Za-z]+)'/g)].map((m) => m[1]));
  expect(keys.sort()).toEqual([
    'archive.annotationsOffSeen',
    'archive.language',
    'archive.textSize',
    'archive.theme',
    'archivo.lockAfterMinutes',
  ]);
});

it("the tab's offline copy (IndexedDB) exists in browser mode only, not in the desktop app", () => {
  const transport = readFileSync(path.join(root, 'src-renderer', 'api', 'index.ts'), 'utf8');
  // The desktop branch of createTransport: from its `if` to that block's closing brace.
  const branchStart = transport.indexOf('if (electronApi) {');
  const electronBranch = transport.slice(branchStart, transport.indexOf('\n  }\n', branchStart));
  expect(electronBranch).toContain("kind: 'electron'");
  expect(electronBranch).not.toContain('offline');
  const keepers = sources('src-renderer').filter(({ text }) => /\bOfflineKeeper\.open\(/.test(text));
  expect(keepers.map(({ file }) => file)).toEqual([path.join('src-renderer', 'api', 'index.ts')]);
});

it('no process starts Crashpad, so no crash dump of the app is ever written', () => {
  // Electron writes minidumps only after crashReporter.start(); none of the code may call it.
  const starters = [...sources('src-main'), ...sources('src-renderer')].filter(({ text }) =>
    /\bcrashReporter\b/.test(text),
  );
  expect(starters.map(({ file }) => file)).toEqual([]);
});
