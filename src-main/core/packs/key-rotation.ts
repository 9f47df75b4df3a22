import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  createFileHasher,
  formatSignature,
  keyIdHex,
  MAX_SIGNATURE_FILE_BYTES,
  parsePublicKey,
  parseSignature,
  publicKeyBase64,
  sameKeyId,
  verifySignature,
  type PublicKey,
  type SecretKey,
} from './minisign';
import type { TrustedKey } from './publishers';

/**
 * A key rotation statement: the publisher's OLD key signs the NEW public key, so installers in
 * the field that pinned the old key trust the new one without being reinstalled. The file is a
 * minisign signature (`<name>.rotation`): the signed bytes are the new public key (its 42-byte
 * "Ed" ‖ key id ‖ key form) and the signed trusted comment names it, so the statement carries
 * everything needed to check it. It travels on the stick beside the packs (any `*.rotation` in
 * the pack's folder is read at install) and is kept by the app once accepted.
 */
export const ROTATION_SUFFIX = '.rotation';
const ROTATION_MARK = 'archivo-key-rotation';
/** A folder on a stick may hold anything; read a bounded number of statements from it. */
const MAX_STATEMENTS_READ = 32;

export interface RotationStatement {
  text: string;
  /** Where it was read (errors and logs). */
  source: string;
}

function keyBytes(key: PublicKey): Uint8Array {
  return Buffer.from(publicKeyBase64(key), 'base64');
}

function hashOf(bytes: Uint8Array): Uint8Array {
  const hasher = createFileHasher();
  hasher.update(bytes);
  return hasher.digest();
}

/** The statement `oldKey` makes that `newKey` now speaks for `publisher`. */
export function createRotationStatement(oldKey: SecretKey, newKey: PublicKey, publisher: string, now: Date): string {
  const comment = [
    ROTATION_MARK,
    `publisher:${publisher.replace(/[\t\r\n]/g, ' ')}`,
    `old:${keyIdHex(oldKey.keyId)}`,
    `new:${publicKeyBase64(newKey)}`,
    `date:${now.toISOString()}`,
  ].join('\t');
  const untrusted = `key rotation ${keyIdHex(oldKey.keyId)} -> ${keyIdHex(newKey.keyId)}`;
  return formatSignature(oldKey, hashOf(keyBytes(newKey)), comment, untrusted);
}

/** The new key a statement vouches for, when `signer` really signed it; null otherwise. */
export function verifyRotationStatement(statement: RotationStatement, signer: PublicKey): PublicKey | null {
  try {
    const signature = parseSignature(statement.text, statement.source);
    if (!sameKeyId(signature.keyId, signer.keyId)) return null;
    const fields = signature.trustedComment.split('\t');
    if (fields[0] !== ROTATION_MARK) return null;
    const newField = fields.find((field) => field.startsWith('new:'));
    if (newField === undefined) return null;
    const newKey = parsePublicKey(newField.slice('new:'.length), statement.source);
    const verdict = verifySignature(signature, signer, { blake2b512: hashOf(keyBytes(newKey)) });
    return verdict === 'valid' ? newKey : null;
  } catch {
    return null;
  }
}

/**
 * The pinned keys plus every key reached from them through valid statements (a chain of
 * rotations works; a statement from an untrusted key adds nothing). A rotated key keeps the
 * publisher's name. Old keys stay trusted: packs signed before the rotation still install.
 * Returns the statements that were used (to keep them).
 */
export function applyRotations(
  pinned: readonly TrustedKey[],
  statements: readonly RotationStatement[],
): { keys: TrustedKey[]; used: RotationStatement[] } {
  const keys = [...pinned];
  const used: RotationStatement[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const statement of statements) {
      if (used.includes(statement)) continue;
      for (const signer of keys) {
        const newKey = verifyRotationStatement(statement, signer.key);
        if (newKey === null) continue;
        used.push(statement);
        if (!keys.some((known) => Buffer.from(known.key.publicKey).equals(Buffer.from(newKey.publicKey)))) {
          keys.push({ name: signer.name, key: newKey, via: 'rotation' });
          changed = true;
        }
        break;
      }
    }
  }
  return { keys, used };
}

/** The `*.rotation` files of a folder (a stick's, or the app's store), unreadable ones skipped. */
export function readRotationStatements(folder: string): RotationStatement[] {
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((name) => name.endsWith(ROTATION_SUFFIX))
      .sort()
      .slice(0, MAX_STATEMENTS_READ);
  } catch {
    return [];
  }
  const statements: RotationStatement[] = [];
  for (const name of names) {
    const file = path.join(folder, name);
    try {
      if (statSync(file).size > MAX_SIGNATURE_FILE_BYTES) continue;
      statements.push({ text: readFileSync(file, 'utf8'), source: file });
    } catch {
      // A statement that cannot be read vouches for nothing.
    }
  }
  return statements;
}
