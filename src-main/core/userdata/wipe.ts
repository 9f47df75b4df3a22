import { existsSync, lstatSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_FOLDER, USER_DATABASE_FILE } from './file-names';
import { overwriteWithZeros } from './file-replacement';

/** What a wipe removed, for the sentence that tells the user. */
export interface WipeReport {
  folder: string;
  /** Files removed, relative to `folder`, in the order they were removed. */
  files: string[];
  bytes: number;
}

/** Refused because the folder does not look like this app's user data: nothing was touched. */
export class NotUserDataFolderError extends Error {
  constructor(readonly folder: string) {
    super(
      `${folder} does not look like the archive's user-data folder (it holds neither ${USER_DATABASE_FILE} nor ` +
        `${BACKUP_FOLDER}/); nothing was removed.`,
    );
  }
}

/**
 * Destroys the user's own data in `folder`: the notes database, its WAL side files, every
 * backup, settings and installed packs — the whole folder. Each regular file is first
 * overwritten with zeros and flushed, then deleted, so its content is gone from the file
 * where the file system writes in place (ext4, NTFS, APFS without snapshots). Copy-on-write
 * file systems, SSD wear levelling and snapshots can keep old blocks; the README says so.
 * Symbolic links are removed, never followed: a link planted in the folder cannot make the
 * wipe overwrite a file elsewhere.
 *
 * Refuses (throws NotUserDataFolderError, touching nothing) unless the folder holds the notes
 * database or the backups folder, so a mistyped path never empties someone's documents.
 * A missing folder is an empty report.
 */
export function wipeUserData(folder: string): WipeReport {
  const report: WipeReport = { folder, files: [], bytes: 0 };
  if (!existsSync(folder)) return report;
  if (!existsSync(path.join(folder, USER_DATABASE_FILE)) && !existsSync(path.join(folder, BACKUP_FOLDER)))
    throw new NotUserDataFolderError(folder);
  removeTree(folder, folder, report);
  return report;
}

/**
 * The archive's own files in a user-data folder: the notes database with its side files and the
 * copies kept beside it (`.corrupt-…`, `.replaced-…`, an interrupted switch's `.old`/`.rekeying`),
 * the backups, the installed packs and the window settings.
 */
export function isArchiveUserDataEntry(name: string): boolean {
  return (
    name.startsWith(USER_DATABASE_FILE) || name === BACKUP_FOLDER || name === 'packs' || name === 'shell-settings.json'
  );
}

/**
 * The wipe from the desktop app's menu: Electron's user-data folder is also Chromium's profile,
 * which is in use while the app runs, so only the archive's own entries (isArchiveUserDataEntry)
 * are destroyed, each as wipeUserData does; the folder itself stays.
 */
export function wipeArchiveEntries(folder: string): WipeReport {
  const report: WipeReport = { folder, files: [], bytes: 0 };
  if (!existsSync(folder)) return report;
  for (const name of readdirSync(folder)) {
    if (isArchiveUserDataEntry(name)) destroyEntry(folder, path.join(folder, name), report);
  }
  return report;
}

/** Destroys every entry of `dir`, then `dir` itself; names are reported relative to `root`. */
function removeTree(root: string, dir: string, report: WipeReport): void {
  for (const name of readdirSync(dir)) destroyEntry(root, path.join(dir, name), report);
  rmdirSync(dir);
}

/** One entry: a folder with all it holds, a file overwritten before it is unlinked, a link only unlinked. */
function destroyEntry(root: string, entry: string, report: WipeReport): void {
  const stats = lstatSync(entry);
  if (stats.isDirectory()) {
    removeTree(root, entry, report);
    return;
  }
  if (stats.isFile()) {
    overwriteWithZeros(entry, stats.size);
    report.bytes += stats.size;
  }
  unlinkSync(entry);
  report.files.push(path.relative(root, entry));
}
