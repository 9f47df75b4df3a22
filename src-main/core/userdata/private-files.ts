import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { errorCode } from '../../common/guards';

/**
 * Owner-only permissions for the user's own data (notes, backups, settings). The notes of
 * people at risk must not be readable by other accounts on a shared or seized computer, so
 * folders are 0700 and files 0600 whatever the umask says.
 *
 * On Windows these modes mean little (NTFS ACLs decide, and the per-user profile folder is
 * already private); chmod there only toggles the read-only bit, so nothing is changed.
 */

const PRIVATE_FOLDER_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

function posixModesApply(): boolean {
  return process.platform !== 'win32';
}

/**
 * Runs a permission change that may be refused because the folder cannot be written at all
 * (a read-only medium, a folder owned by someone else). Nothing can be created there then, so
 * there is nothing to protect, and the database open that follows reports the real problem
 * in the sentence the user sees; failing here would hide it behind a chmod error.
 */
function unlessUnwritable(change: () => void): void {
  try {
    change();
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EROFS' && code !== 'EPERM' && code !== 'EACCES') throw error;
  }
}

/** Creates `dir` (and its missing parents) and makes it owner-only, tightening one that exists. */
export function ensurePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (posixModesApply()) unlessUnwritable(() => chmodSync(dir, PRIVATE_FOLDER_MODE));
}

/**
 * Makes `file` owner-only, creating it empty first when it does not exist. SQLite creates a
 * database's `-wal` and `-shm` files with the main file's mode, so a database file created
 * here before SQLite opens it keeps its side files private too.
 */
export function ensurePrivateFile(file: string): void {
  unlessUnwritable(() => {
    if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
    if (posixModesApply()) chmodSync(file, PRIVATE_FILE_MODE);
  });
}

/** Makes an existing file owner-only; a missing file is left missing. */
export function tightenFile(file: string): void {
  if (posixModesApply() && existsSync(file)) unlessUnwritable(() => chmodSync(file, PRIVATE_FILE_MODE));
}
