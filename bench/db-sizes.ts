import { statSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Where the bytes of a database go, measured with SQLite's dbstat table (pages actually used). */
export interface DatabaseSizes {
  /** The file on disk (plus any WAL left beside it). */
  fileBytes: number;
  /** Bytes per table or index, largest first. */
  tables: Array<{ name: string; bytes: number }>;
}

export function measureDatabase(databasePath: string): DatabaseSizes {
  let fileBytes = statSync(databasePath).size;
  const wal = `${databasePath}-wal`;
  if (existsSync(wal)) fileBytes += statSync(wal).size;
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
      .all() as Array<{ name: string; bytes: number }>;
    return { fileBytes, tables };
  } finally {
    db.close();
  }
}

/**
 * The app's stored search index (schema 2): the index row, the per-term postings and the
 * phrase positions, with their SQLite indexes. Null when none of these tables exists.
 */
export function appIndexBytes(sizes: DatabaseSizes): { bytes: number; location: string } | null {
  const names = ['search_index', 'search_postings', 'phrase_positions', 'phrase_words'];
  const tables = sizes.tables.filter(
    (table) => names.includes(table.name) || names.some((name) => table.name.startsWith(`sqlite_autoindex_${name}_`)),
  );
  if (tables.length === 0) return null;
  return {
    bytes: tables.reduce((sum, table) => sum + table.bytes, 0),
    location: tables.map((table) => table.name).join(' + '),
  };
}

/** FTS5 keeps its index in shadow tables named after the virtual table (`documents_fts_data`, `_idx`, ...). */
export function fts5IndexBytes(sizes: DatabaseSizes): number {
  return sizes.tables
    .filter((table) => table.name.startsWith('documents_fts_'))
    .reduce((sum, table) => sum + table.bytes, 0);
}

/**
 * Size of the serialised Lunr index as stored by the app. The app's schema is
 * not part of the contract, so this looks for the value rather than a name: a
 * text or blob cell whose JSON starts like a Lunr serialisation
 * (`{"version":"2.3.x","fields":...`), possibly split over several rows.
 * Returns null when no such cell exists (e.g. the index is compressed).
 */
export function lunrIndexBytes(databasePath: string): { bytes: number; location: string } | null {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .all() as Array<{ name: string }>;
    for (const { name } of tables) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as Array<{ name: string }>;
      for (const column of columns) {
        const table = quoteIdentifier(name);
        const col = quoteIdentifier(column.name);
        const row = db
          .prepare(
            `SELECT sum(length(CAST(${col} AS BLOB))) AS bytes FROM ${table}
             WHERE substr(CAST(${col} AS TEXT), 1, 11) = '{"version":' AND instr(substr(CAST(${col} AS TEXT), 1, 200), '"fields"') > 0`,
          )
          .get() as { bytes: number | null };
        if (row.bytes) return { bytes: row.bytes, location: `${name}.${column.name}` };
      }
    }
    return null;
  } finally {
    db.close();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
