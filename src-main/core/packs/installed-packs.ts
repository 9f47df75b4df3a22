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
import type { PackManifest, PackPublisher } from '../../common/library';
import { parseManifest } from './manifest';
import { isValidPackId } from './versions';
import { isRecord } from '../../common/guards';

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
 * The packs installed in `packsDir`, by id order. With `repair` (the default; only the process
 * that installs packs may ask for it) also removes what a crash mid-install left behind
 * (`.incoming-*` extractions, `*.replaced-*` backups are restored first when the pack they
 * replaced is missing).
 */
export function scanInstalledPacks(packsDir: string, options: { repair?: boolean } = {}): InstalledPackFiles[] {
  mkdirSync(packsDir, { recursive: true });
  const names = options.repair === false ? [] : readdirSync(packsDir);
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

/**
 * The manifest stored beside an installed pack, with who signed it as checked at install
 * (`publisher`, null for packs installed before signatures); null when missing or unreadable.
 */
export function readInstalledManifest(
  files: InstalledPackFiles,
): { manifest: PackManifest; publisher: PackPublisher | null } | null {
  try {
    const stored: unknown = JSON.parse(readFileSync(files.manifest, 'utf8'));
    if (!isRecord(stored)) return null;
    const { publisher, ...manifest } = stored;
    return {
      manifest: parseManifest(Buffer.from(JSON.stringify(manifest)), files.manifest),
      publisher: parsePublisher(publisher),
    };
  } catch {
    return null;
  }
}

/** What `<id>.json` holds: the pack's manifest plus who signed it. */
export function installedManifestText(manifest: PackManifest, publisher: PackPublisher): string {
  return `${JSON.stringify({ ...manifest, publisher }, null, 2)}\n`;
}

function parsePublisher(value: unknown): PackPublisher | null {
  if (!isRecord(value)) return null;
  const record = value;
  const state = record.signature;
  if (state !== 'verified' && state !== 'unknown-key' && state !== 'unsigned') return null;
  const text = (key: string): string | null => {
    const field = record[key];
    return typeof field === 'string' ? field : null;
  };
  return {
    signature: state,
    name: text('name'),
    keyId: text('keyId'),
    fingerprint: text('fingerprint'),
    trustedComment: text('trustedComment'),
  };
}

/**
 * Puts a finished temp file in the target's place: flushed to the disk first, so a crash after
 * the rename finds the whole new file, never a renamed empty one.
 */
export function replaceDurably(temp: string, target: string): void {
  const fd = openSync(temp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, target);
}

/** Writes a file by temp + fsync + rename, so it is either the old or the new content. */
export function writeFileAtomically(file: string, content: string): void {
  const temp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    writeFileSync(temp, content);
    replaceDurably(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
