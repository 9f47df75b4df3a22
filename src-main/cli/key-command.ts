import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keyFingerprint } from '../core/packs/fingerprint';
import { createRotationStatement, ROTATION_SUFFIX } from '../core/packs/key-rotation';
import {
  formatPublicKey,
  formatSecretKey,
  generateKeyPair,
  INTERACTIVE_SCRYPT_COST,
  keyIdHex,
  MINISIGN_SCRYPT_COST,
  publicKeyBase64,
  publisherFromComment,
  type PublicKey,
} from '../core/packs/minisign';
import { CliFailure, EXIT_OK } from './cli-failure';
import type { CliIo } from './cli-io';
import { readPublicKeyFile, readSecretKeyFile, writeNewFile } from './key-files';
import { readPassphrase, type PassphraseSource } from './passphrase';

export interface KeyNewOptions extends PassphraseSource {
  /** The secret key file to write (default publisher.key); never replaced. */
  key: string;
  /** The public key file (default: the secret key's name with .pub). */
  pub?: string;
  /** The publisher's name, written into the public key's comment (pinned under it by dist). */
  name?: string;
  /** `minisign` (default, 1 GiB, seconds) or `interactive` (16 MiB: throwaway keys and tests). */
  kdfCost?: string;
  json?: boolean;
}

function describeKey(key: PublicKey): { keyId: string; fingerprint: string; publicKey: string } {
  return { keyId: keyIdHex(key.keyId), fingerprint: keyFingerprint(key), publicKey: publicKeyBase64(key) };
}

/** `corpus key new`: a publisher's Ed25519 key pair, the secret half encrypted as minisign does. */
export async function runKeyNew(options: KeyNewOptions, io: CliIo): Promise<number> {
  const cost =
    options.kdfCost === undefined || options.kdfCost === 'minisign'
      ? MINISIGN_SCRYPT_COST
      : options.kdfCost === 'interactive'
        ? INTERACTIVE_SCRYPT_COST
        : null;
  if (cost === null) throw new CliFailure(`--kdf-cost ${options.kdfCost}: use minisign (default) or interactive`);
  const secretFile = path.resolve(options.key);
  const publicFile = path.resolve(options.pub ?? secretFile.replace(/\.key$/, '') + '.pub');
  if (publicFile === secretFile) throw new CliFailure('--pub must differ from --key');
  const passphrase = await readPassphrase(options, `Passphrase for the new key ${secretFile}: `, true);
  const key = generateKeyPair();
  if (!options.json) io.stderr.write('Encrypting the secret key (this takes a few seconds)...\n');
  const secretText = await formatSecretKey(key, passphrase, cost);
  writeNewFile(secretFile, secretText, 0o600);
  writeNewFile(publicFile, formatPublicKey(key, options.name), 0o644);
  const described = describeKey(key);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ secretKey: secretFile, publicKeyFile: publicFile, ...described }, null, 2)}\n`);
  } else {
    io.stdout.write(
      [
        `Secret key:  ${secretFile}   (keep it, and its passphrase, off the sticks you hand out)`,
        `Public key:  ${publicFile}`,
        `             ${described.publicKey}`,
        `Key id:      ${described.keyId}`,
        `Fingerprint: ${described.fingerprint}   (read it aloud to whoever pins or checks this key)`,
        '',
      ].join('\n'),
    );
  }
  return EXIT_OK;
}

/** `corpus key show PUB`: the key id and fingerprint of a public key file, to compare aloud. */
export function runKeyShow(file: string, options: { json?: boolean }, io: CliIo): number {
  const key = readPublicKeyFile(file);
  const described = { ...describeKey(key), publisher: publisherFromComment(readFileSync(file, 'utf8')) };
  if (options.json) io.stdout.write(`${JSON.stringify(described, null, 2)}\n`);
  else {
    io.stdout.write(
      `${file}\n  publisher:   ${described.publisher ?? '(not named)'}\n  key id:      ${described.keyId}\n  fingerprint: ${described.fingerprint}\n`,
    );
  }
  return EXIT_OK;
}

export interface KeyRotateOptions extends PassphraseSource {
  old: string;
  new: string;
  out: string;
  publisher?: string;
}

/** `corpus key rotate`: the old key signs the new public key; installers that pin the old one accept the new. */
export async function runKeyRotate(options: KeyRotateOptions, io: CliIo): Promise<number> {
  if (!options.out.endsWith(ROTATION_SUFFIX))
    throw new CliFailure(`--out ${options.out}: the statement file must end in ${ROTATION_SUFFIX}`);
  const newKey = readPublicKeyFile(options.new);
  const publisher = options.publisher ?? publisherFromComment(readFileSync(options.new, 'utf8')) ?? 'publisher';
  const oldKey = await readSecretKeyFile(options.old, options);
  writeNewFile(options.out, createRotationStatement(oldKey, newKey, publisher, new Date()), 0o644);
  io.stdout.write(
    `Rotation statement ${options.out}: key ${keyIdHex(oldKey.keyId)} hands over to ${keyIdHex(newKey.keyId)} (fingerprint ${keyFingerprint(newKey)}).\nPut it on the stick beside the packs signed with the new key.\n`,
  );
  return EXIT_OK;
}
