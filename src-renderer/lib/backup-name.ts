/**
 * The time a backup was taken, read from its file name as the core writes it
 * (`user-2026-11-28T17-50-00-123Z.sqlite`, the ISO time with `:` and `.` made file-safe, plus
 * `-<n>` when two were taken in the same millisecond);
 * null for any other name.
 */
export function backupTakenAt(name: string): Date | null {
  const match = /^user-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-\d+)?\.sqlite$/.exec(name);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "28/11/2026, 17:50:00 (user-….sqlite)": the date people read, the name they can find on disk. */
export function describeBackup(name: string, language: string): string {
  const taken = backupTakenAt(name);
  return taken ? `${taken.toLocaleString(language)} (${name})` : name;
}
