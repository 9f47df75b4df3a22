import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH } from './window-size';

/**
 * The shell's own settings (window placement and zoom), one JSON file in Electron's
 * userData folder, never next to the app or the corpus. Annotations live in the user
 * database, not here. Reads never throw: a missing or damaged file gives the defaults
 * (the damaged one is kept aside for inspection); writes are atomic (temp + fsync + rename).
 */
const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(MIN_WINDOW_WIDTH).max(20_000),
  height: z.number().int().min(MIN_WINDOW_HEIGHT).max(20_000),
});

const settingsSchema = z.object({
  version: z.literal(1),
  window: z.object({ bounds: boundsSchema.nullable(), maximized: z.boolean() }),
  zoomFactor: z.number().min(0.5).max(3),
});

export type ShellSettings = z.infer<typeof settingsSchema>;
export type WindowBounds = z.infer<typeof boundsSchema>;

export const DEFAULT_SETTINGS: ShellSettings = {
  version: 1,
  window: { bounds: null, maximized: false },
  zoomFactor: 1,
};

export const SETTINGS_FILE_NAME = 'shell-settings.json';

export interface LoadedSettings {
  settings: ShellSettings;
  /** Why the stored file was not used, or null when it was (or there was none). */
  problem: string | null;
}

export function loadSettings(userDataDir: string): LoadedSettings {
  const file = path.join(userDataDir, SETTINGS_FILE_NAME);
  if (!existsSync(file)) return { settings: DEFAULT_SETTINGS, problem: null };
  let reason: string;
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return { settings: parsed.data, problem: null };
    const issue = parsed.error.issues[0];
    reason = `field ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  const aside = `${file}.damaged-${Date.now()}`;
  try {
    renameSync(file, aside);
  } catch {
    // Could not move it; the next save replaces it anyway.
  }
  return { settings: DEFAULT_SETTINGS, problem: `Ignored ${file} (${reason}); kept it as ${aside}.` };
}

export function saveSettings(userDataDir: string, settings: ShellSettings): void {
  const valid = settingsSchema.parse(settings);
  mkdirSync(userDataDir, { recursive: true });
  const file = path.join(userDataDir, SETTINGS_FILE_NAME);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(valid, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much of a saved window must fall on a screen for it to be restored there. */
const MIN_VISIBLE = 120;

/**
 * The saved placement if enough of it lies on one of today's screens (a laptop that was
 * docked to a second monitor last time must not open its window off-screen), else null.
 */
export function restorableBounds(saved: WindowBounds | null, workAreas: readonly Area[]): WindowBounds | null {
  if (saved === null) return null;
  const visible = workAreas.some((area) => {
    const width = Math.min(saved.x + saved.width, area.x + area.width) - Math.max(saved.x, area.x);
    const height = Math.min(saved.y + saved.height, area.y + area.height) - Math.max(saved.y, area.y);
    return width >= MIN_VISIBLE && height >= MIN_VISIBLE;
  });
  return visible ? saved : null;
}
