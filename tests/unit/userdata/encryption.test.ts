import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnnotation } from '../../../src-main/core/annotations/annotations';
import { switchEncryption } from '../../../src-main/core/userdata/encryption-switch';
import { openUserData, type UserData } from '../../../src-main/core/userdata/user-data';
import {
  isEncryptedDatabaseFile,
  PassphraseRequiredError,
  WrongPassphraseError,
} from '../../../src-main/core/userdata/user-database-cipher';
import { wipeUserData } from '../../../src-main/core/userdata/wipe';
import { buildSeedArchive, spanOf, type SeedArchive } from '../annotations/seed-corpus';
import { withTestKdfIterations } from '../../support/test-kdf-hooks';

// Faster key derivations for the code paths under test; shipped-kdf.test.ts checks the real count.
withTestKdfIterations();

/** Issue 17: the user data encrypted at rest with a passphrase. */

const PASSPHRASE = 'caballo correcto batería grapa';
const NOTE = 'Fuente protegida: la periodista de Culiacán, no revelar';
const TAG = 'pegasus-zeta';
const posix = process.platform !== 'win32';

let seeds: SeedArchive;
let work: string;
let dir: string;

beforeAll(async () => {
  seeds = await buildSeedArchive();
});
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'encryption-'));
  dir = path.join(work, 'archivo-offline');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const key = (): Buffer => Buffer.from(PASSPHRASE, 'utf8');

function addNote(userData: UserData): string {
  const { start, end } = spanOf(seeds.letter.text, 'vigilancia digital ilegal');
  return createAnnotation(userData, seeds.archive, {
    documentId: seeds.letter.id,
    start,
    end,
    note: NOTE,
    tags: [TAG],
  }).id;
}

/** Every regular file under `root`, WAL and backups included. */
function allFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(root, name))
    .filter((file) => statSync(file).isFile());
}

/** The files in which any of the secrets appears, in UTF-8 or UTF-16 (either byte order). */
function filesGivingAway(root: string, secrets: string[]): string[] {
  const needles = secrets.flatMap((secret) => [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(secret, 'utf16le').swap16(),
  ]);
  return allFiles(root).filter((file) => {
    const bytes = readFileSync(file);
    return needles.some((needle) => bytes.includes(needle));
  });
}

/** What a seized disk would be searched for: the note, a piece of it, the tag, the document id. */
function secrets(): string[] {
  return [NOTE, 'Culiacán', 'culiacan', TAG, seeds.letter.id];
}

function digestOf(root: string): string {
  const hash = createHash('sha256');
  for (const file of allFiles(root).sort()) hash.update(file).update(readFileSync(file));
  return hash.digest('hex');
}

describe('encrypted from the first start', () => {
  it('no byte of the folder gives away the note, its tag or the document id, WAL and backups included', async () => {
    const userData = await openUserData(dir, { key: key() });
    expect(userData.encrypted).toBe(true);
    const id = addNote(userData);
    await userData.backupNow();
    // While open: the note is in the WAL, not yet in the main file.
    expect(existsSync(path.join(dir, 'user.sqlite-wal'))).toBe(true);
    expect(filesGivingAway(dir, secrets())).toEqual([]);
    userData.close();
    expect(filesGivingAway(dir, secrets())).toEqual([]);
    expect(allFiles(dir).filter((file) => file.endsWith('.sqlite')).length).toBeGreaterThanOrEqual(3);
    // The control: the same note in plain data is found by the same search.
    const plainDir = path.join(work, 'plain');
    const plain = await openUserData(plainDir);
    addNote(plain);
    plain.close();
    expect(filesGivingAway(plainDir, secrets()).map((file) => path.basename(file))).toContain('user.sqlite');

    const reopened = await openUserData(dir, { key: key(), backup: false });
    expect(reopened.annotations.all().find((annotation) => annotation.id === id)?.note).toBe(NOTE);
    reopened.close();
  });

  it('every backup is encrypted and restores with the passphrase', async () => {
    const userData = await openUserData(dir, { key: key() });
    addNote(userData);
    const backup = await userData.backupNow();
    const backupFile = path.join(dir, 'backups', backup.name);
    expect(isEncryptedDatabaseFile(backupFile)).toBe(true);
    const restored = await userData.restoreBackup(backup.name);
    expect(restored.annotations.all().map((annotation) => annotation.note)).toEqual([NOTE]);
    restored.close();
  });

  it.runIf(posix)('files are 0600 and folders 0700', async () => {
    const userData = await openUserData(dir, { key: key() });
    addNote(userData);
    await userData.backupNow();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'backups')).mode & 0o777).toBe(0o700);
    for (const file of allFiles(dir)) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    userData.close();
  });
});

describe('the passphrase', () => {
  it('a wrong passphrase is refused with a sentence and changes no byte', async () => {
    const userData = await openUserData(dir, { key: key() });
    addNote(userData);
    userData.close();
    const before = digestOf(dir);
    await expect(openUserData(dir, { key: Buffer.from('caballo correcto') })).rejects.toThrow(WrongPassphraseError);
    await expect(openUserData(dir, { key: Buffer.from('caballo correcto') })).rejects.toThrow(
      /The passphrase does not open .*user\.sqlite\. Nothing was changed\./,
    );
    expect(digestOf(dir)).toBe(before);
  });

  it('encrypted data opened without a passphrase asks for it and changes no byte', async () => {
    const userData = await openUserData(dir, { key: key() });
    addNote(userData);
    userData.close();
    const before = digestOf(dir);
    await expect(openUserData(dir)).rejects.toThrow(PassphraseRequiredError);
    expect(digestOf(dir)).toBe(before);
    expect(readdirSync(dir).some((name) => name.includes('corrupt'))).toBe(false);
  });

  it('turning encryption off with a wrong passphrase is refused, the handle stays usable', async () => {
    const userData = await openUserData(dir, { key: key() });
    await expect(userData.switchEncryption(Buffer.from('otra'), null)).rejects.toThrow(WrongPassphraseError);
    addNote(userData);
    expect(userData.annotations.all()).toHaveLength(1);
    userData.close();
    expect(isEncryptedDatabaseFile(path.join(dir, 'user.sqlite'))).toBe(true);
  });
});

describe('turning encryption on and off later', () => {
  it('on: the notes, every backup and the old plain bytes leave no trace; off: readable again', async () => {
    const plain = await openUserData(dir);
    const id = addNote(plain);
    await plain.backupNow();
    await plain.backupNow();
    expect(filesGivingAway(dir, secrets()).length).toBeGreaterThanOrEqual(3);

    const encrypted = await plain.switchEncryption(null, key());
    expect(encrypted.encrypted).toBe(true);
    expect(encrypted.annotations.all().find((annotation) => annotation.id === id)?.note).toBe(NOTE);
    expect(encrypted.listBackups().length).toBeGreaterThanOrEqual(3);
    encrypted.close();
    expect(filesGivingAway(dir, secrets())).toEqual([]);
    for (const file of allFiles(dir)) expect(isEncryptedDatabaseFile(file), file).toBe(true);

    const reopened = await openUserData(dir, { key: key(), backup: false });
    const decrypted = await reopened.switchEncryption(key(), null);
    expect(decrypted.encrypted).toBe(false);
    expect(decrypted.annotations.all().map((annotation) => annotation.tags)).toEqual([[TAG]]);
    decrypted.close();
    expect(isEncryptedDatabaseFile(path.join(dir, 'user.sqlite'))).toBe(false);
    const plainAgain = await openUserData(dir, { backup: false });
    expect(plainAgain.annotations.all().map((annotation) => annotation.note)).toEqual([NOTE]);
    // Every backup was decrypted too, so each one still restores without a passphrase.
    for (const backup of plainAgain.listBackups()) {
      expect(isEncryptedDatabaseFile(path.join(dir, 'backups', backup.name)), backup.name).toBe(false);
    }
    plainAgain.close();
  });

  it('a start after an interrupted switch encrypts the backups still left plain', async () => {
    const plain = await openUserData(dir);
    addNote(plain);
    const backup = await plain.backupNow();
    plain.close();
    // As if killed right after the notes database was swapped: only the main file encrypted.
    const backupFile = path.join(dir, 'backups', backup.name);
    const keep = readFileSync(backupFile);
    switchEncryption(dir, null, key());
    writeFileSync(backupFile, keep);
    expect(filesGivingAway(dir, secrets())).toEqual([backupFile]);

    const started = await openUserData(dir, { key: key(), backup: false });
    started.close();
    expect(filesGivingAway(dir, secrets())).toEqual([]);
  });
});

describe('wipe of encrypted data', () => {
  it('leaves no file of user data and names what it removed', async () => {
    const userData = await openUserData(dir, { key: key() });
    addNote(userData);
    await userData.backupNow();
    userData.close();
    const files = allFiles(dir).map((file) => path.relative(dir, file));
    const report = wipeUserData(dir);
    expect(existsSync(dir)).toBe(false);
    expect([...report.files].sort()).toEqual([...files].sort());
  });
});
