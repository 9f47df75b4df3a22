/**
 * One SHA-256 per table of a corpus database, over every row in key order (meta's build_date left
 * out): two builds of the same files compare table by table, so a speed change of the build can
 * show that it wrote exactly the same documents, blocks, postings, positions, forms and catalog.
 *   tsx bench/table-hashes.ts <corpus.sqlite>
 * Each cell is hashed by type (blobs as bytes, text as UTF-8, numbers as text), so a value that
 * changes type changes the hash too.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: table-hashes.ts <corpus.sqlite>');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all();
  for (const { name } of tables) {
    const columns = db.prepare(`SELECT * FROM "${name}" LIMIT 0`).columns().length;
    const order = Array.from({ length: columns }, (_, index) => String(index + 1)).join(', ');
    const where = name === 'meta' ? " WHERE key != 'build_date'" : '';
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of db.prepare(`SELECT * FROM "${name}"${where} ORDER BY ${order}`).raw().iterate()) {
      if (!Array.isArray(row)) throw new Error(`${name}: a raw row is not an array`);
      for (const cell of row) hashCell(hash, cell);
      rows += 1;
    }
    process.stdout.write(`${name.padEnd(24)} ${String(rows).padStart(8)} ${hash.digest('hex').slice(0, 16)}\n`);
  }
  db.close();
}

function hashCell(hash: ReturnType<typeof createHash>, cell: unknown): void {
  if (cell === null) hash.update('N;');
  else if (Buffer.isBuffer(cell)) hash.update(`B${cell.length};`).update(cell);
  else if (typeof cell === 'string') hash.update(`S${Buffer.byteLength(cell)};`).update(cell);
  else if (typeof cell === 'number' || typeof cell === 'bigint') hash.update(`I${cell.toString()};`);
  else throw new Error(`unexpected cell type ${typeof cell}`);
}

main();
