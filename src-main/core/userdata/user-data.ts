import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import type { BackupInfo, UserDataRecovery } from '../../common/annotations';
import { migrate } from '../db/migrations';
import type { SqliteDatabase } from '../db/open-database';
import { ActivityStore } from './activity-store';
import { AnnotationStore } from './annotation-store';
import { CollectionStore } from './collection-store';
import { createVerifiedBackup, fsyncFile, listBackups, verifiedBackupPath } from './backups';
import { fileTimestamp, SIDE_FILE_SUFFIXES, USER_DATABASE_FILE } from './file-names';
import { findIntegrityProblem, looksCorrupt } from './integrity';
import { USER_MIGRATIONS } from './user-schema';
import { ensurePrivateFile, ensurePrivateFolder, tightenFile } from './private-files';
import { encryptPlainBackups, switchEncryption } from './encryption-switch';
import { cleanStaleReplacements } from './file-replacement';
import {
  isEncryptedDatabaseFile,
  openUserDatabase,
  WrongPassphraseError,
  type UserDataKey,
} from './user-database-cipher';

export interface OpenUserDataOptions {
  /** Take the verified start-up backup (default true). The crash test turns it off for speed. */
  backup?: boolean;
  /** Clock, for tests. */
  now?: () => Date;
  /**
   * The passphrase (UTF-8 bytes) of encrypted user data, or for a NEW database to be created
   * encrypted. Copied: the caller may wipe its own buffer at once.
   */
  key?: UserDataKey | null;
}

/**
 * The user's own data (annotations), in `<userDataDir>/user.sqlite`, never in the corpus.
 * One instance per open database; pass it to the annotation functions. Not thread-safe:
 * one process, one writer.
 */
export interface UserData {
  readonly dir: string;
  readonly file: string;
  readonly db: SqliteDatabase;
  readonly annotations: AnnotationStore;
  /** Collections (reading lists) and saved searches. */
  readonly collections: CollectionStore;
  /** Search history, reading positions and the settings that allow them. */
  readonly activity: ActivityStore;
  /** Set when the database was damaged at open and replaced: the UI must say so. */
  readonly recovered: UserDataRecovery | null;
  /** The verified backup taken at this start (null when turned off or when it failed). */
  readonly startBackup: BackupInfo | null;
  /**
   * Why the start-up backup failed (disk full, backups folder not writable...), else null.
   * Opening still succeeds: the notes stay usable, and the UI tells the user.
   */
  readonly backupError: string | null;
  listBackups(): BackupInfo[];
  backupNow(): Promise<BackupInfo>;
  /**
   * Replaces the current database with a backup: verifies the backup first, keeps the current
   * file as `user.sqlite.replaced-<time>` (never deleted), reopens. Returns the new handle;
   * this one is closed and must not be used again. A backup that fails verification is
   * refused while this handle stays open; should the copy itself fail after that, the current
   * database is put back in place and the caller reopens it with `openUserData`.
   */
  restoreBackup(name: string): Promise<UserData>;
  /** True when the notes database and its backups are encrypted with a passphrase. */
  readonly encrypted: boolean;
  /**
   * Turns encryption on (`next` = new passphrase, `current` null) or off (`current` = the
   * passphrase, `next` null); see switchEncryption. Closes this handle and returns the reopened
   * one. A wrong `current` is refused (WrongPassphraseError) with this handle still open; a later
   * failure (disk full) leaves every file complete, old or new, and this handle closed: reopen
   * with openUserData.
   */
  switchEncryption(current: UserDataKey | null, next: UserDataKey | null): Promise<UserData>;
  /** Closes the database and overwrites the in-memory copy of the passphrase with zeros. */
  close(): void;
}

/**
 * Opens (creating if needed) the user database: integrity check, migrations, then a verified
 * backup. A damaged database is moved aside as `user.sqlite.corrupt-<time>` and the newest
 * backup that passes verification is restored (or a fresh database made when none does);
 * `recovered` reports it. A database from a NEWER app version is refused, not treated as
 * damaged: moving it aside would hide the user's notes from the version that can read them.
 */
export async function openUserData(userDataDir: string, options: OpenUserDataOptions = {}): Promise<UserData> {
  const now = options.now ?? (() => new Date());
  ensurePrivateFolder(userDataDir);
  const file = path.join(userDataDir, USER_DATABASE_FILE);
  // Owner-only before SQLite opens it, so its -wal and -shm files are created owner-only too;
  // a database from an earlier version (created with the umask's mode) is tightened here.
  ensurePrivateFile(file);
  for (const side of SIDE_FILE_SUFFIXES) tightenFile(file + side);
  // What an encryption switch interrupted by a crash left behind (old bytes are overwritten).
  cleanStaleReplacements(userDataDir);
  const givenKey = options.key ?? null;
  if (givenKey !== null && !isEncryptedDatabaseFile(file) && statSize(file) > 0)
    throw new Error(`${file} is not encrypted: open it without a passphrase, then turn encryption on`);
  const key = givenKey === null ? null : Buffer.from(givenKey);

  let recovered: UserDataRecovery | null = null;
  let db = tryOpenSound(file, key);
  if (db === 'corrupt') {
    const corruptFileKeptAt = moveAside(file, `corrupt-${fileTimestamp(now())}`);
    const from = restoreNewestGoodBackup(userDataDir, file, key);
    recovered = { from, corruptFileKeptAt };
    const reopened = tryOpenSound(file, key);
    if (reopened === 'corrupt') throw new Error(`${file} is still damaged after restoring backup ${from ?? '(none)'}`);
    db = reopened;
  }
  if (key !== null) encryptPlainBackups(userDataDir, key);
  return finishOpening(userDataDir, file, db, recovered, options.backup !== false, now, key);
}

function samePassphrase(given: UserDataKey | null, held: UserDataKey | null): boolean {
  if (given === null || held === null) return given === held;
  return given.length === held.length && timingSafeEqual(given, held);
}

function statSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

async function finishOpening(
  dir: string,
  file: string,
  db: SqliteDatabase,
  recovered: UserDataRecovery | null,
  backup: boolean,
  now: () => Date,
  key: UserDataKey | null,
): Promise<UserData> {
  try {
    migrate(db, USER_MIGRATIONS, file);
  } catch (error) {
    db.close();
    throw error;
  }
  let startBackup: BackupInfo | null = null;
  let backupError: string | null = null;
  if (backup) {
    try {
      startBackup = await createVerifiedBackup(db, dir, now(), key);
    } catch (error) {
      backupError = error instanceof Error ? error.message : String(error);
    }
  }
  let closed = false;
  const handle: UserData = {
    dir,
    file,
    db,
    annotations: new AnnotationStore(db),
    collections: new CollectionStore(db, now),
    activity: new ActivityStore(db, now),
    recovered,
    startBackup,
    backupError,
    listBackups: () => listBackups(dir),
    backupNow: () => createVerifiedBackup(db, dir, now(), key),
    encrypted: key !== null,
    async switchEncryption(current, next) {
      // A wrong passphrase is refused while this handle stays open and usable.
      if (!samePassphrase(current, key)) throw new WrongPassphraseError(file);
      handle.close();
      switchEncryption(dir, current, next);
      return openUserData(dir, { backup: false, now, key: next });
    },
    async restoreBackup(name) {
      const source = verifiedBackupPath(dir, name, key);
      // Closing wipes this handle's copy of the passphrase; the reopened handle gets its own.
      const kept = key === null ? null : Buffer.from(key);
      handle.close();
      const replaced = moveAside(file, `replaced-${fileTimestamp(now())}`);
      let reopened: SqliteDatabase | 'corrupt';
      try {
        copyInto(source, file);
        reopened = tryOpenSound(file, kept);
        if (reopened === 'corrupt') throw new Error(`Backup ${name} could not be opened after restoring it`);
      } catch (error) {
        // Put the user's database back where it was: a failed restore must not leave the app
        // starting on an empty database with the real one hidden under another name.
        rmSync(file, { force: true });
        for (const side of SIDE_FILE_SUFFIXES) rmSync(file + side, { force: true });
        moveBack(replaced, file);
        kept?.fill(0);
        throw error;
      }
      return finishOpening(dir, file, reopened, null, false, now, kept);
    },
    close() {
      if (closed) return;
      closed = true;
      // Fold the WAL back into the main file so that the file alone is the whole database.
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // A failed checkpoint loses nothing: the WAL stays and is replayed at the next open.
      }
      db.close();
      key?.fill(0);
    },
  };
  return handle;
}

/** The open database if it passes the integrity checks; 'corrupt' if SQLite says it is damaged. */
function tryOpenSound(file: string, key: UserDataKey | null): SqliteDatabase | 'corrupt' {
  let db: SqliteDatabase;
  try {
    db = openUserDatabase(file, key);
  } catch (error) {
    if (looksCorrupt(error)) return 'corrupt';
    throw error;
  }
  try {
    if (findIntegrityProblem(db) !== null) {
      db.close();
      return 'corrupt';
    }
  } catch (error) {
    db.close();
    if (looksCorrupt(error)) return 'corrupt';
    throw error;
  }
  return db;
}

/** Renames the database and its WAL side files to `<file>.<suffix>`; returns the new main path. */
function moveAside(file: string, suffix: string): string {
  const target = `${file}.${suffix}`;
  if (existsSync(file)) renameSync(file, target);
  for (const side of SIDE_FILE_SUFFIXES) {
    if (existsSync(file + side)) renameSync(file + side, target + side);
  }
  return target;
}

function moveBack(movedTo: string, file: string): void {
  if (existsSync(movedTo)) renameSync(movedTo, file);
  for (const side of SIDE_FILE_SUFFIXES) {
    if (existsSync(movedTo + side)) renameSync(movedTo + side, file + side);
  }
}

/** Copies the newest backup that verifies into `file`; returns its name, or null if none did. */
function restoreNewestGoodBackup(dir: string, file: string, key: UserDataKey | null): string | null {
  for (const backup of listBackups(dir)) {
    let source: string;
    try {
      source = verifiedBackupPath(dir, backup.name, key);
    } catch {
      continue; // a damaged or too-new backup is skipped (and kept, for whoever wants to look at it)
    }
    copyInto(source, file);
    return backup.name;
  }
  return null;
}

/** Copy through a temporary name + fsync + rename: `file` is never a half-copied database. */
function copyInto(source: string, file: string): void {
  const temporary = `${file}.restoring`;
  rmSync(temporary, { force: true });
  copyFileSync(source, temporary);
  tightenFile(temporary);
  fsyncFile(temporary);
  renameSync(temporary, file);
}
