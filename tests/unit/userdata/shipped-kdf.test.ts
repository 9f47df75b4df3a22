import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import CipherDatabase from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openUserData } from '../../../src-main/core/userdata/user-data';
import { SQLCIPHER4_KDF_ITERATIONS } from '../../../src-main/core/userdata/user-database-cipher';
import { TEST_KDF_ITERATIONS } from '../../support/test-kdf';

/**
 * The other encryption tests derive keys with TEST_KDF_ITERATIONS (tests/support/test-kdf.ts).
 * This file does not: it proves the notes the app writes are keyed as SQLCipher 4 keys them, with
 * its own 256,000 PBKDF2 iterations, and that nothing in the app's sources lowers that count.
 */
const PASSPHRASE = 'caballo correcto batería grapa';
const srcMain = path.resolve(__dirname, '../../../src-main');
let work: string;

beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'shipped-kdf-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Opens `file` as a plain SQLCipher 4 tool would (its defaults, or another iteration count) and counts the schema's rows. */
function schemaRowsWith(file: string, iterations: number | null): number {
  const db = new CipherDatabase(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    if (iterations !== null) db.pragma(`kdf_iter = ${String(iterations)}`);
    db.key(Buffer.from(PASSPHRASE, 'utf8'));
    return Number(db.prepare('SELECT count(*) FROM sqlite_master').pluck().get());
  } finally {
    db.close();
  }
}

it("encrypted notes open with SQLCipher 4's defaults (256,000 iterations) and with no other count", async () => {
  expect(SQLCIPHER4_KDF_ITERATIONS).toBe(256_000);
  const dir = path.join(work, 'archivo-offline');
  const userData = await openUserData(dir, { backup: false, key: Buffer.from(PASSPHRASE, 'utf8') });
  userData.close();
  const file = path.join(dir, 'user.sqlite');
  expect(schemaRowsWith(file, null)).toBeGreaterThan(0);
  expect(schemaRowsWith(file, SQLCIPHER4_KDF_ITERATIONS)).toBeGreaterThan(0);
  expect(() => schemaRowsWith(file, TEST_KDF_ITERATIONS)).toThrow(/not a database/);
});

it('no source of the app changes the iteration count (only tests call setKdfIterationsForTests)', () => {
  const callers = readdirSync(srcMain, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .filter((name) => readFileSync(path.join(srcMain, name), 'utf8').includes('setKdfIterationsForTests'))
    .map((name) => name.split(path.sep).join('/'));
  expect(callers).toEqual(['core/userdata/user-database-cipher.ts']);
});
