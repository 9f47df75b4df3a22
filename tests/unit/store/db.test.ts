import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open-database';
import { migrate, readSchemaVersion, type Migration } from '../../../src-main/core/db/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'db-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const migrations: Migration[] = [
  { version: 1, up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT') },
  { version: 2, up: (db) => db.exec('ALTER TABLE notes ADD COLUMN created TEXT') },
];

describe('openDatabase', () => {
  it('sets WAL, synchronous=FULL and foreign keys on every writable open, including a reopen', () => {
    const file = path.join(dir, 'a.sqlite');
    for (let open = 0; open < 2; open += 1) {
      const db = openDatabase(file);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      db.close();
    }
  });

  it('names the file when it cannot open a read-only database that does not exist', () => {
    const file = path.join(dir, 'missing.sqlite');
    expect(() => openDatabase(file, { readonly: true })).toThrow(`Cannot open database ${file}`);
  });
});

describe('migrate', () => {
  it('runs the numbered migrations in order and records each in user_version', () => {
    const file = path.join(dir, 'm.sqlite');
    const db = openDatabase(file);
    expect(migrate(db, migrations.slice(0, 1), file)).toBe(1);
    expect(readSchemaVersion(db)).toBe(1);
    expect(migrate(db, migrations, file)).toBe(2);
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('notes')").all();
    expect(columns.map((column) => column.name)).toEqual(['id', 'body', 'created']);
    db.close();
  });

  it('rolls a failing migration back completely, version included', () => {
    const file = path.join(dir, 'f.sqlite');
    const db = openDatabase(file);
    migrate(db, migrations.slice(0, 1), file);
    const failing: Migration[] = [
      migrations[0] as Migration,
      {
        version: 2,
        up: (inner) => {
          inner.exec('CREATE TABLE half (x INTEGER)');
          throw new Error('boom in migration 2');
        },
      },
    ];
    expect(() => migrate(db, failing, file)).toThrow('boom in migration 2');
    expect(readSchemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database made by a newer version of the app, naming file and versions', () => {
    const file = path.join(dir, 'n.sqlite');
    const db = openDatabase(file);
    db.pragma('user_version = 7');
    expect(() => migrate(db, migrations, file)).toThrow(
      `${file} was made by a newer version of the app (schema 7, this app knows up to 2)`,
    );
    db.close();
  });

  it('rejects a migration list with a gap', () => {
    const file = path.join(dir, 'g.sqlite');
    const db = openDatabase(file);
    expect(() => migrate(db, [migrations[1] as Migration], file)).toThrow('not numbered 1..1');
    db.close();
  });
});
