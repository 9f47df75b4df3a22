import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { PackManifest } from '../../common/library';
import { parseManifest } from './manifest';
import { isValidPackId } from './versions';

/** Where an installed pack's files live: `<packsDir>/<id>.sqlite` and its manifest `<id>.json`. */
export interface InstalledPackFiles {
  id: string;
  database: string;
  manifest: string;
}

export function installedPackFiles(packsDir: string, id: string): InstalledPackFiles {
  return { id, database: path.join(packsDir, `${id}.sqlite`), manifest: path.join(packsDir, `${id}.json`) };
}

/**
 * The packs installed in `packsDir`, by id order. Also removes what a crash mid-install left
 * behind (`.incoming-*` extractions, `*.replaced-*` backups are restored first when the pack they
 * replaced is missing).
 */
export function scanInstalledPacks(packsDir: string): InstalledPackFiles[] {
  mkdirSync(packsDir, { recursive: true });
  const names = readdirSync(packsDir);
  for (const name of names) {
    const replaced = /^(.+)\.replaced-[0-9a-f]+$/.exec(name);
    if (replaced?.[1] && !existsSync(path.join(packsDir, replaced[1]))) {
      // The install that moved this aside died before finishing: put the old file back.
      renameSync(path.join(packsDir, name), path.join(packsDir, replaced[1]));
    } else if (replaced || name.startsWith('.incoming-') || name.includes('.json.tmp-')) {
      rmSync(path.join(packsDir, name), { force: true });
    }
  }
  return readdirSync(packsDir)
    .map((name) => /^(.+)\.sqlite$/.exec(name)?.[1])
    .filter((id): id is string => id !== undefined && isValidPackId(id))
    .sort()
    .map((id) => installedPackFiles(packsDir, id));
}

/** The manifest stored beside an installed pack, or null when it is missing or unreadable. */
export function readInstalledManifest(files: InstalledPackFiles): PackManifest | null {
  try {
    return parseManifest(readFileSync(files.manifest), files.manifest);
  } catch {
    return null;
  }
}

/** Writes a file by temp + fsync + rename, so it is either the old or the new content. */
export function writeFileAtomically(file: string, content: string): void {
  const temp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    writeFileSync(temp, content);
    const fd = openSync(temp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
