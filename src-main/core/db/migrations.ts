import type { SqliteDatabase } from './open-database';

/**
 * One numbered schema step. Versions start at 1 and increase by one; `up` runs inside a
 * transaction that also records the version in `PRAGMA user_version`, so a database is
 * always at exactly one known version, never between two.
 */
export interface Migration {
  version: number;
  up(db: SqliteDatabase): void;
}

/** Thrown when a database file was written by a newer (or incompatible) version of the app. */
export class SchemaVersionError extends Error {
  constructor(
    message: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(message);
    this.name = 'SchemaVersionError';
  }
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
}

export function readSchemaVersion(db: SqliteDatabase): number {
  const value = db.pragma('user_version', { simple: true });
  return typeof value === 'number' ? value : Number(value);
}

/** Refuses a database whose schema is newer than this code knows; returns its version. */
export function assertNotNewer(db: SqliteDatabase, migrations: readonly Migration[], file: string): number {
  const found = readSchemaVersion(db);
  const known = latestVersion(migrations);
  if (found > known) {
    throw new SchemaVersionError(
      `${file} was made by a newer version of the app (schema ${found}, this app knows up to ${known})`,
      found,
      known,
    );
  }
  return found;
}

/**
 * Brings a writable database up to the latest schema, one migration per transaction.
 * Generic: the corpus store and the user database each pass their own list.
 */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[], file: string): number {
  checkMigrationList(migrations);
  let current = assertNotNewer(db, migrations, file);
  const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => m.version > current);
  for (const migration of pending) {
    const step = db.transaction(() => {
      migration.up(db);
      // PRAGMA cannot take bound parameters; the version is an integer from our own code.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    });
    step();
    current = migration.version;
  }
  return current;
}

function checkMigrationList(migrations: readonly Migration[]): void {
  const sorted = [...migrations].map((m) => m.version).sort((a, b) => a - b);
  sorted.forEach((version, index) => {
    if (version !== index + 1) {
      throw new Error(`Migration list is not numbered 1..${sorted.length} (found ${sorted.join(', ')})`);
    }
  });
}
