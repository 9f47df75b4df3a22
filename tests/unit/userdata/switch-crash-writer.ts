/**
 * Child process of encryption-crash.test.ts (not a test itself): opens the user data the way
 * the app does (with the passphrase when the file is encrypted), writes one note, prints
 * `ack <id>` only after its commit returned, then turns encryption on or off (the opposite of
 * what it found), prints `switched`, and starts over. The parent SIGKILLs it at random moments,
 * most of them in the middle of a switch (which takes far longer than a note).
 * Arguments: <userDataDir> <passphrase> <letterFile>.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAnnotation } from '../../../src-main/core/annotations/annotations';
import { openUserData } from '../../../src-main/core/userdata/user-data';
import { isEncryptedDatabaseFile } from '../../../src-main/core/userdata/user-database-cipher';
import { singleLetterSource } from '../../support/crash-letter-source';
import { reportLine } from '../../support/crash-report';
import { useTestKdfIterations } from '../../support/test-kdf';

const [dir, passphrase, letterPath] = process.argv.slice(2);
if (!dir || !passphrase || !letterPath)
  throw new Error('usage: switch-crash-writer <userDataDir> <passphrase> <letter>');
const text = readFileSync(letterPath, 'utf8');
const SWITCH_TEST_DOCUMENT = 'cifradoprueba000';
const archive = singleLetterSource(SWITCH_TEST_DOCUMENT, text, 'd'.repeat(64));

async function main(userDataDir: string, key: Buffer): Promise<void> {
  // The parent opens what this child writes with the same test iteration count (test-kdf.ts).
  useTestKdfIterations();
  reportLine('ready');
  for (let n = 0; ; n += 1) {
    const encrypted = isEncryptedDatabaseFile(path.join(userDataDir, 'user.sqlite'));
    const userData = await openUserData(userDataDir, { backup: false, key: encrypted ? key : null });
    // Two backups are rewritten at every switch too; more would only slow the test down.
    if (userData.listBackups().length < 2) await userData.backupNow();
    if (userData.recovered) reportLine(`recovered ${JSON.stringify(userData.recovered)}`);
    const annotation = createAnnotation(userData, archive, {
      documentId: SWITCH_TEST_DOCUMENT,
      start: n % 500,
      end: (n % 500) + 40,
      note: `nota ${n} en curso`,
      tags: ['cambio'],
    });
    reportLine(`ack ${annotation.id}`);
    const switched = await userData.switchEncryption(encrypted ? key : null, encrypted ? null : key);
    switched.close();
    reportLine(`switched ${encrypted ? 'off' : 'on'}`);
  }
}

main(dir, Buffer.from(passphrase, 'utf8')).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
