import { rmSync } from 'node:fs';
import type { SqliteDatabase } from '../db/open-database';
import { readSchemaVersion } from '../db/migrations';
import { findIntegrityProblem } from './integrity';
import { ensurePrivateFile } from './private-files';
import { openUserDatabase, type UserDataKey } from './user-database-cipher';

/**
 * Copies every table, index, trigger and view of `source` into a NEW file `target` written with
 * `key` (or plain when null), then verifies the copy (integrity checks and the same row count in
 * every table) and leaves it as one self-contained file (journal_mode=DELETE).
 *
 * Why not SQLite's backup API or VACUUM INTO: both write pages as the source holds them, so they
 * cannot change the encryption, and a plain backup of an encrypted database would put the notes
 * on disk in clear. SQLCipher's `sqlcipher_export` does this job but SQLite3 Multiple Ciphers
 * has no such function. The notes database is small (kilobytes to a few megabytes): copying rows
 * through JavaScript takes milliseconds.
 *
 * The source is read inside one transaction, so the copy is a consistent snapshot. A failure
 * deletes `target`. The caller renames the finished file into place.
 */
export function copyDatabase(source: SqliteDatabase, target: string, key: UserDataKey | null): void {
  rmSync(target, { force: true });
  ensurePrivateFile(target);
  let copy: SqliteDatabase | null = null;
  try {
    copy = openUserDatabase(target, key, { live: false });
    copy.pragma('journal_mode = DELETE');
    copyContents(source, copy);
    const problem = findIntegrityProblem(copy);
    if (problem) throw new Error(`the copy failed its integrity check (${problem})`);
    copy.close();
    copy = null;
  } catch (error) {
    copy?.close();
    rmSync(target, { force: true });
    throw error;
  }
}

interface SchemaObject {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  sql: string;
}

function copyContents(source: SqliteDatabase, copy: SqliteDatabase): void {
  const read = source.transaction(() => {
    const objects = source
      .prepare<[], SchemaObject>(
        `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid`,
      )
      .all();
    const tables = objects.filter((object) => object.type === 'table');
    const write = copy.transaction(() => {
      for (const table of tables) createTable(copy, table);
      for (const table of tables) {
        if (!isVirtual(table)) copyRows(source, copy, table.name);
      }
      copySequence(source, copy);
      for (const object of objects) if (object.type !== 'table') copy.exec(object.sql);
      copy.pragma(`user_version = ${Math.trunc(readSchemaVersion(source))}`);
    });
    write();
  });
  read.deferred();
}

function isVirtual(table: SchemaObject): boolean {
  return /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(table.sql);
}

/**
 * A virtual table (full-text search) creates its own shadow tables; those then appear in the
 * list too and must be emptied (the virtual table's creation may seed them) rather than created.
 */
function createTable(copy: SqliteDatabase, table: SchemaObject): void {
  const exists = copy.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table.name);
  if (exists === undefined) copy.exec(table.sql);
  else copy.prepare(`DELETE FROM ${quoteName(table.name)}`).run();
}

function copyRows(source: SqliteDatabase, copy: SqliteDatabase, table: string): void {
  const name = quoteName(table);
  const columns = source
    .prepare<[string], { name: string }>(`SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0`)
    .all(table)
    .map((column) => quoteName(column.name));
  if (columns.length === 0) throw new Error(`table ${table} has no columns to copy`);
  // rowid kept too, for tables that have one, so that references by rowid survive the copy.
  const withRowid = hasRowid(source, table);
  const list = (withRowid ? ['rowid', ...columns] : columns).join(', ');
  const insert = copy.prepare(
    `INSERT INTO ${name} (${list}) VALUES (${(withRowid ? ['rowid', ...columns] : columns).map(() => '?').join(', ')})`,
  );
  // raw(): each row is the list of its column values, in the order of `list`.
  const select = source.prepare<[], unknown[]>(`SELECT ${list} FROM ${name}`).raw().safeIntegers();
  let copied = 0;
  for (const row of select.iterate()) {
    insert.run(...row);
    copied += 1;
  }
  const counted = copy.prepare(`SELECT count(*) FROM ${name}`).pluck().get();
  if (Number(counted) !== copied)
    throw new Error(`table ${table}: ${copied} rows read but ${String(counted)} in the copy`);
}

function hasRowid(db: SqliteDatabase, table: string): boolean {
  try {
    db.prepare(`SELECT rowid FROM ${quoteName(table)} LIMIT 0`).all();
    return true;
  } catch {
    return false; // WITHOUT ROWID
  }
}

/** AUTOINCREMENT counters live in sqlite_sequence, which SQLite creates by itself. */
function copySequence(source: SqliteDatabase, copy: SqliteDatabase): void {
  const exists = (db: SqliteDatabase) =>
    db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get() !== undefined;
  if (!exists(source) || !exists(copy)) return;
  const rows = source.prepare<[], { name: string; seq: number }>('SELECT name, seq FROM sqlite_sequence').all();
  copy.prepare('DELETE FROM sqlite_sequence').run();
  const insert = copy.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)');
  for (const row of rows) insert.run(row.name, row.seq);
}

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
