import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  MinisignFormatError,
  parsePublicKey,
  parseSecretKey,
  WrongPassphraseError,
  type PublicKey,
  type SecretKey,
} from '../core/packs/minisign';
import { CliFailure } from './cli-failure';
import { readPassphrase, type PassphraseSource } from './passphrase';
import { errorMessage } from '../common/guards';

export function readPublicKeyFile(file: string): PublicKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliFailure(`the public key ${file} cannot be read: ${errorMessage(error)}`);
  }
  try {
    return parsePublicKey(text, file);
  } catch (error) {
    if (error instanceof MinisignFormatError) throw new CliFailure(error.message);
    throw error;
  }
}

/** Reads and decrypts a secret key file, asking for its passphrase. */
export async function readSecretKeyFile(file: string, source: PassphraseSource): Promise<SecretKey> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliFailure(`the secret key ${file} cannot be read: ${errorMessage(error)}`);
  }
  const passphrase = await readPassphrase(source, `Passphrase for ${file}: `);
  try {
    return await parseSecretKey(text, passphrase, file);
  } catch (error) {
    if (error instanceof MinisignFormatError || error instanceof WrongPassphraseError) {
      throw new CliFailure(error.message);
    }
    throw error;
  }
}

/** Writes a new file, never over an existing one (a lost secret key cannot be made again). */
export function writeNewFile(file: string, content: string, mode: number): void {
  if (existsSync(file)) throw new CliFailure(`${file} exists already; choose another name or move it away first`);
  writeFileSync(file, content, { mode, flag: 'wx' });
}
