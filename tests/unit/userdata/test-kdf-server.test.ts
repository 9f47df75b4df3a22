import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import CipherDatabase from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot, serveBundle, testKdfServeBundle } from '../../support/bundles';
import { buildCorpusCached } from '../../support/fixtures-corpus-cache';
import { startServe } from '../../support/serve-process';
import { TEST_KDF_ITERATIONS } from '../../support/test-kdf';
import { SQLCIPHER4_KDF_ITERATIONS } from '../../../src-main/core/userdata/user-database-cipher';

/**
 * The end-to-end specs of encrypted notes start browser mode with the test key cost
 * (tests/support/serve-with-test-kdf.ts, `testKdf` in serve-process.ts). This proves the seam
 * does what they rely on, and that the shipped browser-mode bundle cannot: it holds no call of it.
 */
const PASSPHRASE = 'caballo correcto batería grapa';
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'test-kdf-server-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Whether `file` opens as SQLCipher 4 with `iterations` PBKDF2 iterations. */
function opensWith(file: string, iterations: number): boolean {
  const db = new CipherDatabase(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`kdf_iter = ${String(iterations)}`);
    db.key(Buffer.from(PASSPHRASE, 'utf8'));
    return Number(db.prepare('SELECT count(*) FROM sqlite_master').pluck().get()) > 0;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

it('the shipped browser-mode bundle holds no call of the test seam; the test bundle does', () => {
  const shipped = path.dirname(serveBundle);
  const files = readdirSync(shipped).filter((name) => /\.[mc]js$/.test(name));
  expect(files).toEqual(expect.arrayContaining(['serve.mjs', 'serve.cjs']));
  const withSeam = files.filter((name) =>
    readFileSync(path.join(shipped, name), 'utf8').includes('setKdfIterationsForTests'),
  );
  expect(withSeam).toEqual([]);
  expect(readFileSync(testKdfServeBundle, 'utf8')).toContain('setKdfIterationsForTests');
  // Installers pack dist/** (electron-builder.yml): the test bundle must live elsewhere.
  expect(path.relative(path.join(repoRoot, 'dist'), testKdfServeBundle)).toMatch(/^\.\.\//);
});

it('a server started with testKdf encrypts the notes with the test iteration count', async () => {
  const database = path.join(work, 'corpus.sqlite');
  buildCorpusCached(['resources/corpus'], 'Semillas e2e', database);
  const userData = path.join(work, 'user');
  const server = await startServe({ database, userData, testKdf: true });
  try {
    const response = await fetch(new URL('api/annotations/setUserDataEncryption', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Archive-Client': '1', 'X-Archive-Token': server.token },
      body: JSON.stringify([null, PASSPHRASE]),
    });
    expect(response.status, await response.text()).toBe(200);
  } finally {
    await server.stop();
  }
  const notes = path.join(userData, 'user.sqlite');
  expect(opensWith(notes, TEST_KDF_ITERATIONS)).toBe(true);
  expect(opensWith(notes, SQLCIPHER4_KDF_ITERATIONS)).toBe(false);
});
