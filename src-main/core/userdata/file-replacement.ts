import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

/**
 * Crash-safe replacement of a file whose old content must not stay readable (a plain notes
 * database being replaced by its encrypted copy). The new file is complete and flushed before
 * anything happens; then:
 *
 *   1. `file` gets a second name, `<file>.old` (a hard link: same bytes, no copy);
 *   2. the new file is renamed over `file` (atomic: `file` is the old or the new database, never
 *      neither and never half of one), and the folder is flushed;
 *   3. `<file>.old`, now the only name of the old bytes, is overwritten with zeros and deleted.
 *
 * A crash leaves at most a stray `.old` or temporary file: cleanStaleReplacements removes it at
 * the next start, overwriting the `.old` first unless it is still the same file as `file`.
 */

export const OLD_SUFFIX = '.old';
export const REKEYING_SUFFIX = '.rekeying';

const OVERWRITE_CHUNK = 1 << 20;

export function replaceFileOverwritingOld(newFile: string, file: string): void {
  fsyncFile(newFile);
  const old = file + OLD_SUFFIX;
  rmSync(old, { force: true });
  let linked = false;
  if (existsSync(file)) {
    try {
      linkSync(file, old);
      linked = true;
    } catch {
      // File systems without hard links (FAT on a USB stick): the old bytes are freed unwiped.
    }
  }
  renameSync(newFile, file);
  fsyncFolder(path.dirname(file));
  if (linked) overwriteAndDelete(old);
}

/** Removes what an interrupted replacement left in `folder` (see the module comment). */
export function cleanStaleReplacements(folder: string): void {
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    const entry = path.join(folder, name);
    if (name.endsWith(REKEYING_SUFFIX)) {
      overwriteAndDelete(entry);
    } else if (name.endsWith(OLD_SUFFIX)) {
      const live = entry.slice(0, -OLD_SUFFIX.length);
      if (existsSync(live) && statSync(live).ino === statSync(entry).ino) unlinkSync(entry);
      else overwriteAndDelete(entry);
    }
  }
}

/** Overwrites a regular file with zeros, flushes, deletes it. Used by the wipe too. */
export function overwriteAndDelete(file: string): number {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (stats.isFile()) overwriteWithZeros(file, stats.size);
  unlinkSync(file);
  return stats.size;
}

export function overwriteWithZeros(file: string, size: number): void {
  const fd = openSync(file, 'r+');
  try {
    const zeros = Buffer.alloc(Math.min(size, OVERWRITE_CHUNK));
    for (let written = 0; written < size;) {
      written += writeSync(fd, zeros, 0, Math.min(zeros.length, size - written), written);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable. Windows cannot open a folder for flushing; NTFS journals renames itself. */
export function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
