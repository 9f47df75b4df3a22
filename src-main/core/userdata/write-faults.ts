import { rmSync, statfsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../common/errors';
import { errorCode, isRecord } from '../../common/guards';

/**
 * Why a write to the user database failed, for the UI to word in its language
 * (`ApiErrorPayload.code` of an `Unavailable` error):
 * - `disk-full`: no space left where the notes folder is;
 * - `read-only`: the folder or its files cannot be written (read-only medium or mount,
 *   immutable files, permissions);
 * - `write-failed`: any other input/output error of the disk.
 */
export type UserDataWriteFault = 'disk-full' | 'read-only' | 'write-failed';

/** SQLite result codes (better-sqlite3's `SqliteError.code`) that mean the disk refused a write. */
const FULL_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR_NOSPC']);
const READ_ONLY_CODES = /^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/;
const IO_CODES = /^SQLITE_IOERR/;

/**
 * Turns a failed write into a sentence that names the folder and the situation, with a code
 * the UI translates. Returns null for errors that are not the disk's doing (validation,
 * not found...), which the caller rethrows unchanged.
 *
 * SQLite reports a write refused by the file system as a generic I/O error
 * (SQLITE_IOERR_WRITE for EPERM/EROFS, SQLITE_IOERR_FSYNC...), so for those the folder is
 * probed: free space first, then whether a file can be created there.
 */
export function explainWriteFault(error: unknown, folder: string): ApiError | null {
  const code = sqliteCode(error);
  if (code === null) return null;
  let fault: UserDataWriteFault | null = null;
  if (FULL_CODES.has(code)) fault = 'disk-full';
  else if (READ_ONLY_CODES.test(code)) fault = probeFolder(folder) === 'disk-full' ? 'disk-full' : 'read-only';
  else if (IO_CODES.test(code)) {
    const probed = probeFolder(folder);
    fault = probed === 'disk-full' || probed === 'read-only' ? probed : 'write-failed';
  }
  if (fault === null) return null;
  return new ApiError('Unavailable', sentence(fault, folder, code), fault);
}

function sentence(fault: UserDataWriteFault, folder: string, code: string): string {
  const safe = 'Nothing was changed: the notes saved before are intact.';
  switch (fault) {
    case 'disk-full':
      return `Your change could not be saved: the disk that holds your notes folder (${folder}) is full. Free some space and try again. ${safe}`;
    case 'read-only':
      return `Your change could not be saved: your notes folder (${folder}) cannot be written to (read-only). Make it writable and try again. ${safe}`;
    case 'write-failed':
      return `Your change could not be saved: the disk refused to write to your notes folder (${folder}) (${code}). Try again; if it keeps failing, check the disk. ${safe}`;
  }
}

/** What the folder itself says: full, not writable, or null when it looks writable. */
function probeFolder(folder: string): UserDataWriteFault | null {
  try {
    const stats = statfsSync(folder);
    if (stats.bavail === 0) return 'disk-full';
  } catch {
    // statfs unsupported or the folder vanished: the write probe below decides.
  }
  const probe = path.join(folder, `.write-probe-${process.pid}`);
  try {
    writeFileSync(probe, 'x');
    rmSync(probe, { force: true });
    return null;
  } catch (error) {
    const errno = errorCode(error);
    if (errno === 'ENOSPC' || errno === 'EDQUOT') return 'disk-full';
    if (errno === 'EROFS' || errno === 'EACCES' || errno === 'EPERM') return 'read-only';
    return 'write-failed';
  }
}

/** SQLite's code on the error, or on its `cause` (openDatabase wraps what SQLite threw). */
function sqliteCode(error: unknown): string | null {
  for (let current = error, depth = 0; isRecord(current) && depth < 3; depth += 1) {
    const code = current.code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
    current = current.cause;
  }
  return null;
}
