import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** Open without write access (the corpus at run time, possibly on a read-only medium). */
  readonly?: boolean;
}

/**
 * Opens a SQLite database with the durability settings every store relies on.
 *
 * Writable opens: `journal_mode=WAL` (readers never block the writer), `synchronous=FULL`
 * (a commit survives power loss), `foreign_keys=ON`. All three are set on EVERY open:
 * `journal_mode` persists in the file but `synchronous` and `foreign_keys` are per
 * connection, and better-sqlite3 reopening a WAL file falls back to NORMAL.
 *
 * Read-only opens do NOT switch to WAL. A WAL database needs its `-shm`/`-wal` side files,
 * which a reader cannot create inside a read-only installer folder. That is why the corpus
 * writer checkpoints and switches the finished corpus to `journal_mode=DELETE` before
 * renaming it into place: the shipped file is a single self-contained file that opens
 * read-only anywhere. A read-only open of a database that is still in WAL mode works only
 * where its side files can exist; that is the user database's case, which is opened writable.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const readonly = options.readonly === true;
  let db: SqliteDatabase;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly });
  } catch (error) {
    // `cause` keeps SQLite's code (SQLITE_CANTOPEN on a read-only folder...) for callers that word it.
    throw new Error(`Cannot open database ${file}: ${describeError(error)}`, { cause: error });
  }
  try {
    configureConnection(db, !readonly);
  } catch (error) {
    db.close();
    throw new Error(`Cannot open database ${file}: ${describeError(error)}`, { cause: error });
  }
  return db;
}

/**
 * The settings every connection of the app runs with: WAL for a writer (readers keep reading
 * while it writes), full syncs (a committed note survives a power cut), foreign keys enforced.
 */
export function configureConnection(db: SqliteDatabase, wal: boolean): void {
  if (wal) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
