import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  restorableBounds,
  saveSettings,
  SETTINGS_FILE_NAME,
  type ShellSettings,
} from '../../../src-main/main/settings-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shell-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const saved: ShellSettings = {
  version: 1,
  window: { bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true },
  zoomFactor: 1.1,
};

describe('shell settings', () => {
  it('gives the defaults when nothing was saved', () => {
    expect(loadSettings(dir)).toEqual({ settings: DEFAULT_SETTINGS, problem: null });
  });

  it('reads back what it saved, and leaves no temporary file', () => {
    saveSettings(dir, saved);
    expect(loadSettings(dir)).toEqual({ settings: saved, problem: null });
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE_NAME]);
  });

  it('replaces a damaged file by the defaults, names the problem and keeps the file aside', () => {
    const file = path.join(dir, SETTINGS_FILE_NAME);
    writeFileSync(file, '{"version":1,"window":{"bounds":null,"maximized":"yes"},"zoomFactor":1}');
    const loaded = loadSettings(dir);
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.problem).toContain('field window.maximized');
    expect(loaded.problem).toContain(file);
    const aside = readdirSync(dir).find((name) => name.startsWith(`${SETTINGS_FILE_NAME}.damaged-`));
    expect(aside).toBeDefined();
    expect(readFileSync(path.join(dir, aside!), 'utf8')).toContain('"maximized":"yes"');
    expect(existsSync(file)).toBe(false);
  });

  it('treats a truncated file (power cut mid-write in an older version) the same way', () => {
    writeFileSync(path.join(dir, SETTINGS_FILE_NAME), '{"version":1,"win');
    const loaded = loadSettings(dir);
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.problem).toMatch(/JSON/);
  });

  it('refuses to save a window smaller than the layout allows, keeping the previous file', () => {
    saveSettings(dir, saved);
    const tooSmall = { ...saved, window: { bounds: { x: 0, y: 0, width: 300, height: 200 }, maximized: false } };
    expect(() => saveSettings(dir, tooSmall)).toThrow();
    expect(loadSettings(dir).settings).toEqual(saved);
  });
});

describe('restoring the window placement', () => {
  const laptop = [{ x: 0, y: 0, width: 1366, height: 768 }];
  it('restores a window that is on a current screen', () => {
    expect(restorableBounds({ x: 100, y: 50, width: 1100, height: 700 }, laptop)).toEqual({
      x: 100,
      y: 50,
      width: 1100,
      height: 700,
    });
  });
  it('drops a window left on a monitor that is no longer connected', () => {
    expect(restorableBounds({ x: 2000, y: 100, width: 1200, height: 800 }, laptop)).toBeNull();
    expect(restorableBounds({ x: 1300, y: 700, width: 1200, height: 800 }, laptop)).toBeNull(); // a 66×68 corner only
  });
  it('keeps it when the second monitor is still there', () => {
    const docked = [...laptop, { x: 1366, y: 0, width: 1920, height: 1080 }];
    expect(restorableBounds({ x: 2000, y: 100, width: 1200, height: 800 }, docked)).not.toBeNull();
  });
});
