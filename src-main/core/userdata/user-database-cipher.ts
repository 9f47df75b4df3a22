import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import CipherDatabase from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from '../db/open-database';
import { cannotOpenError, configureConnection, describeError, openConnection, setUpOrClose } from '../db/open-database';

/**
 * Opening the user database, plain or encrypted. The user database (notes, tags, collections,
 * backups) goes through better-sqlite3-multiple-ciphers, the better-sqlite3 fork built on
 * SQLite3 Multiple Ciphers; the corpus stays on better-sqlite3 (it is public and read-only).
 *
 * Encryption is SQLCipher 4's format (`cipher=sqlcipher`, `legacy=4`): AES-256-CBC pages with an
 * HMAC-SHA512 per page, the key derived from the passphrase with PBKDF2-HMAC-SHA512 and 256,000
 * iterations over a random per-file salt. Any SQLCipher 4 tool opens the file with the passphrase.
 *
 * The passphrase travels as a Buffer (UTF-8 bytes) so that whoever holds it can overwrite it
 * with zeros when the app locks (a JavaScript string cannot be wiped).
 */

/** The passphrase's UTF-8 bytes. Null means "the database is not encrypted". */
export type UserDataKey = Buffer;

/** The first 16 bytes of every unencrypted SQLite database. */
const PLAIN_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Thrown when the passphrase does not open the file: nothing was changed. */
export class WrongPassphraseError extends Error {
  constructor(readonly file: string) {
    super(`The passphrase does not open ${file}. Nothing was changed.`);
    this.name = 'WrongPassphraseError';
  }
}

/** Thrown when an encrypted file is opened without a passphrase. */
export class PassphraseRequiredError extends Error {
  constructor(readonly file: string) {
    super(`${file} is encrypted: give its passphrase to open it.`);
    this.name = 'PassphraseRequiredError';
  }
}

/** SQLCipher 4's page size: an encrypted database is always a whole number of these. */
const CIPHER_PAGE_SIZE = 4096;

/**
 * True when `file` looks like an encrypted database: no plain SQLite header (its first 16 bytes
 * are the random salt) and a whole number of 4 KiB pages. Encrypted bytes cannot be told from
 * random ones; the page rule at least keeps a truncated or foreign file (which the damaged-file
 * recovery handles) from being taken for encrypted notes. A missing or empty file is a new
 * database, not encrypted.
 */
export function isEncryptedDatabaseFile(file: string): boolean {
  if (!existsSync(file)) return false;
  const size = statSync(file).size;
  if (size === 0 || size % CIPHER_PAGE_SIZE !== 0) return false;
  const header = Buffer.alloc(PLAIN_SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return read === header.length && !header.equals(PLAIN_SQLITE_HEADER);
}

export interface OpenUserDatabaseOptions {
  readonly?: boolean;
  /** WAL + synchronous=FULL + foreign keys (the live database); off for one-file copies. */
  live?: boolean;
}

/**
 * Opens `file` with `key` (or none), checks that the key reads the schema, then applies the
 * durability settings of openDatabase. A wrong key gives WrongPassphraseError; an encrypted
 * file without a key gives PassphraseRequiredError; nothing is written in either case.
 */
export function openUserDatabase(
  file: string,
  key: UserDataKey | null,
  options: OpenUserDatabaseOptions = {},
): SqliteDatabase {
  const readonly = options.readonly === true;
  if (key === null && isEncryptedDatabaseFile(file)) throw new PassphraseRequiredError(file);
  const db = openConnection(file, () => new CipherDatabase(file, { readonly, fileMustExist: readonly }));
  setUpOrClose(
    db,
    () => {
      if (key !== null) applyKey(db, key);
      // Reading the schema is the first read of page 1: a wrong key fails here, before any write.
      db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    },
    (error) =>
      key !== null && /not a database|SQLITE_NOTADB/i.test(describeError(error))
        ? new WrongPassphraseError(file)
        : cannotOpenError(file, error),
  );
  setUpOrClose(
    db,
    () => {
      // Deleted notes are overwritten inside the file, not left in free pages.
      db.pragma('secure_delete = ON');
      configureConnection(db, options.live !== false && !readonly);
    },
    (error) => cannotOpenError(file, error),
  );
  return db;
}

/** SQLCipher 4's PBKDF2-HMAC-SHA512 iteration count (what `legacy = 4` sets): what the app ships. */
export const SQLCIPHER4_KDF_ITERATIONS = 256_000;

/**
 * The iteration count every key derivation in this process uses. Only tests of the code paths
 * around encryption (switching, locking, SIGKILLs mid-switch) lower it, through
 * setKdfIterationsForTests: at 256,000 iterations each open costs about a second of CPU, and
 * those tests open encrypted files hundreds of times. One test proves the shipped files use
 * SQLCipher 4's own count.
 */
let kdfIterations = SQLCIPHER4_KDF_ITERATIONS;

/** Test seam: the iteration count for this process's later opens; returns the one before, to restore. */
export function setKdfIterationsForTests(iterations: number): number {
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError(`kdf iterations ${iterations}: not a count`);
  const previous = kdfIterations;
  kdfIterations = iterations;
  return previous;
}

/** SQLCipher 4's parameters, then the key. Must run before the first read of the file. */
function applyKey(db: SqliteDatabase, key: UserDataKey): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  if (kdfIterations !== SQLCIPHER4_KDF_ITERATIONS) db.pragma(`kdf_iter = ${String(kdfIterations)}`);
  keyed(db).key(key);
}

/** The fork's `key()` method, which better-sqlite3's type (used for every handle) does not declare. */
function keyed(db: SqliteDatabase): { key(key: Buffer): number } {
  const candidate: unknown = db;
  if (candidate instanceof CipherDatabase) return candidate;
  throw new Error('This database handle was not opened by the encryption-capable SQLite binding');
}
