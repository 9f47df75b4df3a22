import * as z from 'zod';
import type { SqliteDatabase } from '../db/open-database';

/** What a check pragma answers: one row per problem (or one `ok`), its message in the first column. */
const PRAGMA_ROWS = z.array(z.record(z.string(), z.unknown()));

/**
 * Runs SQLite's own consistency checks. Returns null when the database is sound, else the
 * first problems SQLite reported. `quick_check` is cheaper and `integrity_check` also
 * verifies indexes against tables; both are asked because a caller may skip either one
 * elsewhere, and together they cost milliseconds on a notes database.
 */
export function findIntegrityProblem(db: SqliteDatabase): string | null {
  for (const check of ['quick_check', 'integrity_check'] as const) {
    const rows = PRAGMA_ROWS.parse(db.pragma(check));
    const messages = rows.map((row) => String(Object.values(row)[0]));
    if (messages.length !== 1 || messages[0] !== 'ok') return `${check}: ${messages.slice(0, 5).join('; ')}`;
  }
  return null;
}

/** Error messages SQLite gives for a file that is damaged or not a database at all. */
export function looksCorrupt(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /not a database|malformed|corrupt|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(message);
}
