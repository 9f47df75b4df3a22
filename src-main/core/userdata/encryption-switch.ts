import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { backupFolder, listBackups } from './backups';
import { copyDatabase } from './database-copy';
import { looksCorrupt } from './integrity';
import { SIDE_FILE_SUFFIXES, USER_DATABASE_FILE } from './file-names';
import { cleanStaleReplacements, REKEYING_SUFFIX, replaceFileOverwritingOld } from './file-replacement';
import { isEncryptedDatabaseFile, openUserDatabase, type UserDataKey } from './user-database-cipher';

/**
 * Turns encryption of the user data on (`next` = the new passphrase) or off (`next` = null):
 * the notes database and every backup are rewritten as new files and swapped in one by one
 * (replaceFileOverwritingOld), so a crash at any moment leaves each file complete, old or new.
 *
 * The ORDER keeps a crash recoverable without the passphrase being lost:
 * - turning it on: the notes database first, then the backups. After a crash the database is
 *   encrypted and some backups may still be plain: the next start (which has the passphrase)
 *   encrypts them (encryptPlainBackups).
 * - turning it off: the backups first, then the database. After a crash the database is still
 *   encrypted, and its passphrase still opens it; plain backups are again encrypted at start.
 * So a plain database never sits beside encrypted backups it cannot read.
 *
 * Changing a passphrase directly is not offered: it would need the old and new keys at once
 * after a crash. Turning encryption off and on again does it.
 *
 * `current` is checked first (WrongPassphraseError, nothing changed). The database must be
 * closed by the caller (no other connection may write meanwhile).
 */
export function switchEncryption(userDataDir: string, current: UserDataKey | null, next: UserDataKey | null): void {
  const file = path.join(userDataDir, USER_DATABASE_FILE);
  if (!existsSync(file)) throw new Error(`${file} does not exist: there is nothing to encrypt`);
  if ((current !== null) !== isEncryptedDatabaseFile(file))
    throw new Error(current === null ? `${file} is encrypted: give its passphrase` : `${file} is not encrypted`);
  if (current !== null && next !== null)
    throw new Error('Changing the passphrase directly is not supported: turn encryption off, then on again');
  if (current === null && next === null) return;

  // Opening refuses a wrong passphrase before anything is written. Each keyed open costs one
  // key derivation (hundreds of milliseconds by design), so this connection serves to the end.
  const live = openUserDatabase(file, current);
  try {
    cleanStaleReplacements(userDataDir);
    cleanStaleReplacements(backupFolder(userDataDir));
    if (next === null) for (const backup of backupFiles(userDataDir)) rewriteReadable(backup, current, null);
    live.pragma('wal_checkpoint(TRUNCATE)');
    copyDatabase(live, file + REKEYING_SUFFIX, next);
  } catch (error) {
    live.close();
    throw error;
  }
  live.close();
  swapLive(file);
  if (next !== null) for (const backup of backupFiles(userDataDir)) rewriteReadable(backup, null, next);
}

/**
 * After a start with `key`: encrypts any backup still plain (a switch interrupted by a crash).
 * Returns how many were encrypted.
 */
export function encryptPlainBackups(userDataDir: string, key: UserDataKey): number {
  cleanStaleReplacements(backupFolder(userDataDir));
  let count = 0;
  for (const backup of backupFiles(userDataDir)) {
    if (statSync(backup).size === 0 || isEncryptedDatabaseFile(backup)) continue;
    rewriteReadable(backup, null, key);
    count += 1;
  }
  return count;
}

function backupFiles(userDataDir: string): string[] {
  return listBackups(userDataDir).map((backup) => path.join(backupFolder(userDataDir), backup.name));
}

/**
 * A backup that cannot be read at all (damaged) is left as it is, as everywhere else: it is
 * never restored, and rewriting cannot rescue it. Any other failure stops the switch.
 */
function rewriteReadable(file: string, from: UserDataKey | null, to: UserDataKey | null): void {
  try {
    rewrite(file, from, to);
  } catch (error) {
    if (looksCorrupt(error)) return;
    throw error;
  }
}

/**
 * The live database's copy (made after its WAL was folded into the main file, so the file alone
 * is all of it) takes its place once the last connection is closed.
 */
function swapLive(file: string): void {
  for (const side of SIDE_FILE_SUFFIXES) {
    const sideFile = file + side;
    // An emptied WAL is safe to drop; one with frames would be replayed onto the new file.
    if (existsSync(sideFile) && (side === '-shm' || statSync(sideFile).size === 0)) rmSync(sideFile);
    else if (existsSync(sideFile)) throw new Error(`${sideFile} still holds changes; nothing was switched`);
  }
  replaceFileOverwritingOld(file + REKEYING_SUFFIX, file);
}

function rewrite(file: string, from: UserDataKey | null, to: UserDataKey | null): void {
  const source = openUserDatabase(file, isEncryptedDatabaseFile(file) ? from : null, { readonly: true });
  try {
    copyDatabase(source, file + REKEYING_SUFFIX, to);
  } finally {
    source.close();
  }
  replaceFileOverwritingOld(file + REKEYING_SUFFIX, file);
}
