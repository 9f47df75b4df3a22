/** File names in the user-data folder, and the timestamps embedded in them. */

export const USER_DATABASE_FILE = 'user.sqlite';
export const BACKUP_FOLDER = 'backups';
/** SQLite's side files in WAL mode: they belong to the main file and move with it. */
export const SIDE_FILE_SUFFIXES = ['-wal', '-shm'] as const;

const BACKUP_NAME = /^user-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-(\d+))?\.sqlite$/;

/** `2026-11-28T17-50-00-123Z`: ISO time with `:`/`.` replaced (Windows forbids `:`), sorts by time. */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export function backupName(date: Date, sequence = 0): string {
  return `user-${fileTimestamp(date)}${sequence > 0 ? `-${sequence}` : ''}.sqlite`;
}

/** The backup's time as ISO, or null when `name` is not a backup this app wrote. */
export function parseBackupName(name: string): { createdAt: string; sequence: number } | null {
  const match = BACKUP_NAME.exec(name);
  if (!match || match[1] === undefined) return null;
  const stamp = match[1];
  const iso = `${stamp.slice(0, 10)}T${stamp.slice(11, 13)}:${stamp.slice(14, 16)}:${stamp.slice(17, 19)}.${stamp.slice(20, 23)}Z`;
  if (Number.isNaN(Date.parse(iso))) return null;
  return { createdAt: iso, sequence: match[2] === undefined ? 0 : Number(match[2]) };
}
