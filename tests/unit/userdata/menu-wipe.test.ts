import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../../src-main/main/menu';
import { wipeFromMenu } from '../../../src-main/main/wipe-from-menu';
import { openUserData } from '../../../src-main/core/userdata/user-data';
import { wipeArchiveEntries } from '../../../src-main/core/userdata/wipe';
import { withTestKdfIterations } from '../../support/test-kdf-hooks';

// Faster key derivations for the code paths under test; shipped-kdf.test.ts checks the real count.
withTestKdfIterations();

/** Issue 17: the quick wipe from the desktop menu, with its confirmation and its report. */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'menu-wipe-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function encryptedNotesBesideChromiumProfile(): Promise<void> {
  const userData = await openUserData(dir, { key: Buffer.from('frase de paso larga') });
  await userData.backupNow();
  userData.close();
  mkdirSync(path.join(dir, 'packs'));
  writeFileSync(path.join(dir, 'packs', 'informe.archive'), 'pack');
  writeFileSync(path.join(dir, 'shell-settings.json'), '{}');
  // Chromium's profile lives in the same folder in Electron and is in use while the app runs.
  mkdirSync(path.join(dir, 'Local Storage'));
  writeFileSync(path.join(dir, 'Local Storage', 'leveldb.log'), 'x');
}

function answering(...responses: number[]) {
  const shown: MessageBoxOptions[] = [];
  const showMessageBox = vi.fn((options: MessageBoxOptions): Promise<MessageBoxReturnValue> => {
    shown.push(options);
    return Promise.resolve({ response: responses.shift() ?? 0, checkboxChecked: false });
  });
  return { shown, showMessageBox };
}

it('File menu offers Lock notes (Ctrl/Cmd+L) and Destroy my notes…', () => {
  const actions = { find: vi.fn(), about: vi.fn(), openPack: vi.fn(), lockNotes: vi.fn(), wipeUserData: vi.fn() };
  const file = buildMenuTemplate({ appName: 'Archivo', isPackaged: true, platform: 'linux', actions })[0];
  const items = Array.isArray(file?.submenu) ? file.submenu : [];
  const lock = items.find((item) => item.label === 'Bloquear las notas');
  expect(lock?.accelerator).toBe('CmdOrCtrl+L');
  const wipe = items.find((item) => item.label === 'Destruir mis notas…');
  expect(wipe).toBeDefined();
});

it('cancelling the confirmation (the default button) removes nothing and keeps the app open', async () => {
  await encryptedNotesBesideChromiumProfile();
  const { shown, showMessageBox } = answering(0);
  const quit = vi.fn();
  const closeNotes = vi.fn(() => Promise.resolve());
  expect(await wipeFromMenu({ showMessageBox, closeNotes, wipe: () => wipeArchiveEntries(dir), quit })).toBeNull();
  expect(shown[0]?.defaultId).toBe(0);
  expect(shown[0]?.cancelId).toBe(0);
  expect(closeNotes).not.toHaveBeenCalled();
  expect(quit).not.toHaveBeenCalled();
  expect(existsSync(path.join(dir, 'user.sqlite'))).toBe(true);
});

it('confirmed: closes the notes, destroys notes, backups, packs and settings, lists them, quits', async () => {
  await encryptedNotesBesideChromiumProfile();
  const { shown, showMessageBox } = answering(1, 0);
  const quit = vi.fn();
  const closeNotes = vi.fn(() => Promise.resolve());
  const report = await wipeFromMenu({ showMessageBox, closeNotes, wipe: () => wipeArchiveEntries(dir), quit });
  expect(closeNotes).toHaveBeenCalledTimes(1);
  expect(quit).toHaveBeenCalledTimes(1);
  expect(report?.files).toContain('user.sqlite');
  expect(report?.files).toContain(path.join('packs', 'informe.archive'));
  expect(report?.files.filter((file) => file.startsWith(`backups${path.sep}`)).length).toBeGreaterThanOrEqual(2);
  // Nothing of the archive's user data is left; Chromium's profile is not the app's to delete.
  expect(readdirSync(dir)).toEqual(['Local Storage']);
  expect(shown[1]?.message).toContain(`Removed ${report?.files.length ?? -1} files`);
  expect(shown[1]?.detail).toContain('user.sqlite');
});
