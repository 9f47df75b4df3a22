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
  const db = openConnection(file, () => new Database(file, { readonly, fileMustExist: readonly }));
  setUpOrClose(
    db,
    () => {
      configureConnection(db, !readonly);
    },
    (error) => cannotOpenError(file, error),
  );
  return db;
}

/**
 * The error for a database that could not be opened or set up: it names the file, and `cause`
 * keeps SQLite's error and code (SQLITE_CANTOPEN on a read-only folder...) for callers that word it.
 */
export function cannotOpenError(file: string, error: unknown): Error {
  return new Error(`Cannot open database ${file}: ${describeError(error)}`, { cause: error });
}

/** Opens a connection with `open` (either SQLite driver), a failure naming the file. */
export function openConnection(file: string, open: () => SqliteDatabase): SqliteDatabase {
  try {
    return open();
  } catch (error) {
    throw cannotOpenError(file, error);
  }
}

/**
 * Runs a set-up step on a connection just opened. When it fails the connection is closed (no
 * handle is left on the file) and `failure` says what is thrown instead.
 */
export function setUpOrClose(db: SqliteDatabase, setUp: () => void, failure: (error: unknown) => Error): void {
  try {
    setUp();
  } catch (error) {
    db.close();
    throw failure(error);
  }
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
