import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../../common/annotations';
import type { SqliteDatabase } from '../db/open-database';
import { assertNotNewer } from '../db/migrations';
import { BACKUP_FOLDER, backupName, parseBackupName } from './file-names';
import { findIntegrityProblem } from './integrity';
import { USER_MIGRATIONS } from './user-schema';
import { ensurePrivateFile, ensurePrivateFolder } from './private-files';
import { copyDatabase } from './database-copy';
import { fsyncFile } from './file-replacement';
import { isEncryptedDatabaseFile, openUserDatabase, type UserDataKey } from './user-database-cipher';

export { fsyncFile } from './file-replacement';

/** How many backups are kept; older ones are deleted after a new one is verified. */
export const BACKUPS_KEPT = 10;

export function backupFolder(userDataDir: string): string {
  return path.join(userDataDir, BACKUP_FOLDER);
}

/**
 * Copies the open database into `<userdata>/backups/user-<time>.sqlite` with SQLite's online
 * backup API (a consistent snapshot even while writes go on), then VERIFIES the copy by opening
 * it and running the integrity checks. Only a verified copy gets its final name: a half-written
 * or damaged backup is deleted, never listed. The copy is switched to journal_mode=DELETE so
 * each backup is one self-contained file. Then prunes to the newest BACKUPS_KEPT.
 *
 * With `key` (encrypted user data) the backup is written encrypted with the same passphrase by
 * copyDatabase: the backup API would copy the pages decrypted into a plain file.
 */
export async function createVerifiedBackup(
  db: SqliteDatabase,
  userDataDir: string,
  now: Date,
  key: UserDataKey | null = null,
): Promise<BackupInfo> {
  const folder = backupFolder(userDataDir);
  ensurePrivateFolder(folder);
  // A backup interrupted by a crash leaves `<name>.partial`; it was never verified or listed.
  for (const stale of readdirSync(folder)) {
    if (stale.endsWith('.partial') && parseBackupName(stale.slice(0, -'.partial'.length)))
      rmSync(path.join(folder, stale), { force: true });
  }
  let sequence = 0;
  while (existsSync(path.join(folder, backupName(now, sequence)))) sequence += 1;
  const name = backupName(now, sequence);
  const partial = path.join(folder, `${name}.partial`);
  rmSync(partial, { force: true });
  try {
    // Created owner-only first: SQLite's backup writes into the existing file and keeps its mode.
    ensurePrivateFile(partial);
    if (key === null) {
      await db.backup(partial);
      const copy = new Database(partial);
      try {
        copy.pragma('journal_mode = DELETE');
        const problem = findIntegrityProblem(copy);
        if (problem) throw new Error(`the backup copy failed its integrity check (${problem})`);
      } finally {
        copy.close();
      }
    } else {
      copyDatabase(db, partial, key); // verified by the copy itself
    }
    fsyncFile(partial);
    renameSync(partial, path.join(folder, name));
  } catch (error) {
    rmSync(partial, { force: true });
    throw new Error(`Backup of the user database failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  pruneBackups(userDataDir, BACKUPS_KEPT);
  const info = listBackups(userDataDir).find((backup) => backup.name === name);
  if (!info) throw new Error(`Backup ${name} vanished right after it was written`);
  return info;
}

/** Backups this app wrote, newest first. */
export function listBackups(userDataDir: string): BackupInfo[] {
  const folder = backupFolder(userDataDir);
  if (!existsSync(folder)) return [];
  const backups: Array<BackupInfo & { sequence: number }> = [];
  for (const name of readdirSync(folder)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    backups.push({
      name,
      createdAt: parsed.createdAt,
      bytes: statSync(path.join(folder, name)).size,
      sequence: parsed.sequence,
    });
  }
  return backups
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.sequence - a.sequence)
    .map(({ name, createdAt, bytes }) => ({ name, createdAt, bytes }));
}

export function pruneBackups(userDataDir: string, keep: number): void {
  for (const old of listBackups(userDataDir).slice(keep)) rmSync(path.join(backupFolder(userDataDir), old.name));
}

/**
 * Full path of a backup after checking that `name` is one of ours (no path tricks), that it
 * passes the integrity checks and that its schema is not newer than this app. Throws with a
 * message naming the backup otherwise.
 */
export function verifiedBackupPath(userDataDir: string, name: string, key: UserDataKey | null = null): string {
  if (parseBackupName(name) === null || path.basename(name) !== name) {
    throw new Error(`"${name}" is not the name of a user-data backup`);
  }
  const file = path.join(backupFolder(userDataDir), name);
  if (!existsSync(file)) throw new Error(`Backup ${name} does not exist`);
  let copy: SqliteDatabase;
  try {
    copy = openUserDatabase(file, isEncryptedDatabaseFile(file) ? key : null, { readonly: true });
  } catch (error) {
    throw new Error(`Backup ${name} cannot be opened: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  try {
    let problem: string | null;
    try {
      problem = findIntegrityProblem(copy);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (problem) throw new Error(`Backup ${name} is damaged (${problem})`);
    assertNotNewer(copy, USER_MIGRATIONS, `Backup ${name}`);
  } finally {
    copy.close();
  }
  return file;
}
