import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { CorpusProblem, CorpusProblemCode } from '../../common/library';
import { describeError, openDatabase, type SqliteDatabase } from '../db/open-database';
import { latestVersion, readSchemaVersion } from '../db/migrations';
import { ANALYZER_ID } from '../search/analyzer';
import { CORPUS_MIGRATIONS, CORPUS_SCHEMA_VERSION } from './corpus-schema';
import { errorCode } from '../../common/guards';

/** The 16 bytes every SQLite 3 database file starts with. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;
/** Tables without which a file is not a corpus of this app, whatever its version. */
const CORPUS_TABLES = ['meta', 'documents', 'search_index'] as const;
const REQUIRED_META = ['name', 'version', 'build_date', 'schema_version', 'document_count'] as const;

/**
 * Says what is wrong with a corpus database that could not be opened, so the start-up
 * screen can tell the user in a sentence (and by code, in their language) instead of
 * showing a stack trace. Always returns a problem: when no specific fault is found,
 * `corrupt` with the error that made opening fail (`openError`).
 *
 * Never writes: the file is read through its header and a read-only connection, so a
 * damaged corpus stays as it was for whoever investigates it. Checks run cheapest first
 * (existence, header, schema), and the full `quick_check` only when those pass.
 */
export function diagnoseCorpusDatabase(file: string, openError?: unknown): CorpusProblem {
  return (
    findCorpusProblem(file) ??
    problem(
      'corrupt',
      file,
      `${file} could not be opened as a corpus${openError === undefined ? '' : `: ${describeError(openError)}`}`,
    )
  );
}

/** The specific fault of a corpus database file, or null when it looks like a sound corpus. */
export function findCorpusProblem(file: string): CorpusProblem | null {
  let size: number;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) return problem('unreadable', file, `${file} is a folder, not a corpus database file`);
    size = stats.size;
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR'))
      return problem('missing', file, `${file} does not exist`);
    return problem('unreadable', file, `${file} cannot be read: ${describeError(error)}`);
  }
  if (size === 0) return problem('truncated', file, `${file} is empty (0 bytes)`);

  let header: Buffer;
  try {
    header = readHeader(file);
  } catch (error) {
    return problem('unreadable', file, `${file} cannot be read: ${describeError(error)}`);
  }
  const headerFault = checkHeader(file, header, size);
  if (headerFault) return headerFault;

  let db: SqliteDatabase;
  try {
    db = openDatabase(file, { readonly: true });
  } catch (error) {
    // A schema that spills past page 1 onto damaged pages fails already here, as SQLITE_CORRUPT.
    if (isSqliteDamage(error)) return problem('corrupt', file, `${file} is damaged: ${describeError(error)}`);
    return problem('unreadable', file, `${file} cannot be opened: ${describeError(error)}`);
  }
  try {
    return checkContents(file, db);
  } catch (error) {
    // SQLite reports damage it meets while reading (SQLITE_CORRUPT, SQLITE_NOTADB) as errors.
    return problem('corrupt', file, `${file} is damaged: ${describeError(error)}`);
  } finally {
    db.close();
  }
}

/** SQLite's own damage codes, on the error or its cause (openDatabase wraps SQLite's error). */
function isSqliteDamage(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 3; depth += 1) {
    const code = errorCode(current);
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return true;
    current = current.cause;
  }
  return false;
}

function readHeader(file: string): Buffer {
  const descriptor = openSync(file, 'r');
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const read = readSync(descriptor, header, 0, HEADER_BYTES, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(descriptor);
  }
}

/** Header checks per https://www.sqlite.org/fileformat.html §1.3 (no SQLite call needed). */
function checkHeader(file: string, header: Buffer, size: number): CorpusProblem | null {
  const magicLength = Math.min(header.length, SQLITE_MAGIC.length);
  if (!header.subarray(0, magicLength).equals(SQLITE_MAGIC.subarray(0, magicLength))) {
    return problem('corrupt', file, `${file} is not a SQLite database (its first bytes are not a SQLite header)`);
  }
  if (header.length < HEADER_BYTES) {
    return problem('truncated', file, `${file} ends inside its header (${size} bytes)`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  // The in-header page count is trustworthy only when "version-valid-for" equals the change counter.
  const pageCountValid = header.readUInt32BE(92) === header.readUInt32BE(24) && pageCount > 0;
  if (pageCountValid && size < pageSize * pageCount) {
    return problem(
      'truncated',
      file,
      `${file} is cut short: ${size} bytes of the ${pageSize * pageCount} its header declares (an interrupted copy or download?)`,
    );
  }
  return null;
}

function checkContents(file: string, db: SqliteDatabase): CorpusProblem | null {
  const version = readSchemaVersion(db);
  const known = latestVersion(CORPUS_MIGRATIONS);
  if (version > known) {
    return problem(
      'newer-schema',
      file,
      `${file} was made by a newer version of the app (schema ${version}, this app knows up to ${known})`,
    );
  }
  const tables = new Set(
    db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
      .all()
      .map((row) => row.name),
  );
  const absent = CORPUS_TABLES.filter((table) => !tables.has(table));
  if (absent.length > 0) {
    return problem(
      'not-a-corpus',
      file,
      `${file} is a SQLite database but not a corpus of this app (no ${absent.join(', ')} table)`,
    );
  }
  if (version !== CORPUS_SCHEMA_VERSION) {
    return problem(
      'stale-index',
      file,
      `${file} was made by an older version of the app (schema ${version}, expected ${CORPUS_SCHEMA_VERSION}); it must be rebuilt`,
    );
  }
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') return problem('corrupt', file, `${file} is damaged (SQLite quick_check: ${String(check)})`);

  const metaKeys = new Set(
    db
      .prepare<[], { key: string }>('SELECT key FROM meta')
      .all()
      .map((row) => row.key),
  );
  const missingMeta = REQUIRED_META.filter((key) => !metaKeys.has(key));
  if (missingMeta.length > 0) {
    return problem('not-a-corpus', file, `${file} lacks corpus metadata (${missingMeta.join(', ')})`);
  }
  const index = db.prepare<[], { analyzer: string }>('SELECT analyzer FROM search_index WHERE id = 1').get();
  if (!index) return problem('stale-index', file, `${file} has no search index; it must be rebuilt`);
  if (index.analyzer !== ANALYZER_ID) {
    return problem(
      'stale-index',
      file,
      `${file} was indexed by another version of the app ("${index.analyzer}", this one uses "${ANALYZER_ID}"); it must be rebuilt`,
    );
  }
  return null;
}

function problem(code: CorpusProblemCode, path: string, message: string): CorpusProblem {
  return { code, path, message };
}

function isErrno(error: unknown, code: string): boolean {
  return errorCode(error) === code;
}
