import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PackManifest, PackPublisher } from '../../common/library';
import { keyFingerprint } from './fingerprint';
import {
  createFileHasher,
  formatSignature,
  keyIdHex,
  MAX_SIGNATURE_FILE_BYTES,
  MinisignFormatError,
  parsePublicKey,
  parseSignature,
  publicKeyBase64,
  sameKeyId,
  verifySignature,
  type PublicKey,
  type SecretKey,
  type Signature,
} from './minisign';
import { PackError } from './pack-error';
import { writeFileAtomically } from './installed-packs';
import type { TrustedKey } from './publishers';
import { errorCode, errorMessage } from '../../common/guards';

/**
 * A pack's signature travels BESIDE it as `<pack>.archive.minisig` (minisign's own naming), so
 * anyone can check a stick with the stock tool, `minisign -Vm semillas.archive -p editorial.pub`,
 * without extracting anything; and it signs every byte of the pack file, so one changed byte
 * anywhere (tar headers included) is caught. The untrusted comment carries the signer's public
 * key: not trusted (anyone can write it), but it lets the app check that the signature is whole
 * and show an unknown key's fingerprint before the user decides.
 */
export const SIGNATURE_SUFFIX = '.minisig';
const UNTRUSTED_KEY_MARK = 'archivo publisher key ';

export function signatureFileFor(packPath: string): string {
  return `${packPath}${SIGNATURE_SUFFIX}`;
}

/** BLAKE2b-512 of a file, streamed (what minisign signs). */
export function blake2bFile(file: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const hasher = createFileHasher();
    createReadStream(file)
      .on('data', (chunk) => {
        hasher.update(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      })
      .on('error', reject)
      .on('end', () => {
        resolve(hasher.digest());
      });
  });
}

/** The facts a pack's trusted comment names, minisign-style `key:value` fields separated by tabs. */
export interface PackCommentFields {
  pack?: string;
  version?: string;
  built?: string;
}

export function packTrustedComment(manifest: PackManifest, packFile: string, now: Date): string {
  const fields = [
    `timestamp:${Math.floor(now.getTime() / 1000)}`,
    `file:${path.basename(packFile)}`,
    `pack:${manifest.id}`,
    `version:${manifest.version}`,
    `built:${manifest.buildDate}`,
    'hashed',
  ];
  return fields.join('\t');
}

export function parsePackComment(comment: string): PackCommentFields {
  const fields: PackCommentFields = {};
  for (const part of comment.split('\t')) {
    const at = part.indexOf(':');
    const key = part.slice(0, at);
    if (key === 'pack' || key === 'version' || key === 'built') fields[key] = part.slice(at + 1);
  }
  return fields;
}

/** Signs a written pack: `<pack>.minisig` beside it (replaced atomically). Returns its path. */
export async function signPackFile(packPath: string, key: SecretKey, manifest: PackManifest): Promise<string> {
  const comment = packTrustedComment(manifest, packPath, new Date());
  const untrusted = `${UNTRUSTED_KEY_MARK}${publicKeyBase64(key)}`;
  const signature = formatSignature(key, await blake2bFile(packPath), comment, untrusted);
  const out = signatureFileFor(packPath);
  writeFileAtomically(out, signature);
  return out;
}

/** A pack's signature file, read and parsed (nothing verified yet); null when there is none. */
export interface PackSignatureFile {
  path: string;
  signature: Signature;
}

/**
 * Reads `<pack>.minisig` before the pack itself is read (a malformed one is refused at once as
 * `bad-signature`, naming it). Null when the pack has no signature beside it.
 */
export function readPackSignature(
  packPath: string,
  signaturePath: string = signatureFileFor(packPath),
): PackSignatureFile | null {
  let text: string;
  try {
    if (statSync(signaturePath).size > MAX_SIGNATURE_FILE_BYTES)
      throw new PackError('bad-signature', `${signaturePath} is too big to be a minisign signature.`, packPath);
    text = readFileSync(signaturePath, 'utf8');
  } catch (error) {
    if (error instanceof PackError) throw error;
    if (errorCode(error) === 'ENOENT') return null;
    throw new PackError('bad-signature', `${signaturePath} cannot be read: ${errorMessage(error)}.`, packPath);
  }
  let signature: Signature;
  try {
    signature = parseSignature(text, signaturePath);
  } catch (error) {
    if (error instanceof MinisignFormatError) {
      throw new PackError('bad-signature', `${error.message} It was altered or is not the pack's signature.`, packPath);
    }
    throw error;
  }
  if (signature.algorithm !== 'ED') {
    throw new PackError(
      'bad-signature',
      `${signaturePath} is a legacy (non-prehashed) minisign signature; sign the pack again with minisign 0.8 or later, or with corpus pack --sign.`,
      packPath,
    );
  }
  return { path: signaturePath, signature };
}

/**
 * Who signed a pack whose bytes hash to `blake2b512` (computed while the pack was extracted:
 * one read of the file). Throws `tampered` when the pack or its signature was altered (the
 * sentence names both files). States: `verified` (a trusted key), `unknown-key` (whole, but
 * by a key nobody pinned), `unsigned` (no signature beside the pack).
 */
export function judgePackSignature(
  packPath: string,
  file: PackSignatureFile | null,
  blake2b512: Uint8Array,
  trusted: readonly TrustedKey[],
): PackPublisher {
  if (file === null) return unsignedPublisher();
  const { signature } = file;
  const pinned = trusted.find((candidate) => sameKeyId(candidate.key.keyId, signature.keyId));
  const key: PublicKey | null = pinned?.key ?? keyFromComment(signature);
  if (key === null) {
    // Signed by a key the app has never seen and that did not say what it is: nothing to check against.
    return {
      signature: 'unknown-key',
      name: null,
      keyId: keyIdHex(signature.keyId),
      fingerprint: null,
      trustedComment: signature.trustedComment,
    };
  }
  const verdict = verifySignature(signature, key, { blake2b512 });
  if (verdict === 'file') {
    throw new PackError(
      'tampered',
      `${packPath} was altered after it was signed: it does not match its signature ${path.basename(file.path)} (or the signature was altered).`,
      packPath,
    );
  }
  if (verdict === 'comment') {
    throw new PackError(
      'tampered',
      `${file.path} was altered: its trusted comment is not the one that was signed.`,
      packPath,
    );
  }
  return {
    signature: pinned ? 'verified' : 'unknown-key',
    name: pinned?.name ?? null,
    keyId: keyIdHex(key.keyId),
    fingerprint: keyFingerprint(key),
    trustedComment: signature.trustedComment,
  };
}

/**
 * A signed pack that failed its structural checks (a flipped byte in a tar header, a cut-off
 * file): when its signature no longer matches, the sentence to show is that the pack was
 * altered after it was signed. Only this failure path reads the file a second time.
 */
export async function refusalOfSignedPack(
  refusal: unknown,
  packPath: string,
  file: PackSignatureFile | null,
  trusted: readonly TrustedKey[],
): Promise<unknown> {
  if (file === null || !(refusal instanceof PackError)) return refusal;
  let blake2b512: Uint8Array;
  try {
    blake2b512 = await blake2bFile(packPath);
  } catch {
    return refusal;
  }
  try {
    judgePackSignature(packPath, file, blake2b512, trusted);
    return refusal;
  } catch (signatureRefusal) {
    return signatureRefusal;
  }
}

/** The signer's own public key from the untrusted comment, when it names the key that signed. */
function keyFromComment(signature: Signature): PublicKey | null {
  const at = signature.untrustedComment.indexOf(UNTRUSTED_KEY_MARK);
  if (at < 0) return null;
  try {
    const key = parsePublicKey(signature.untrustedComment.slice(at + UNTRUSTED_KEY_MARK.length).trim(), 'comment');
    return Buffer.from(key.keyId).equals(Buffer.from(signature.keyId)) ? key : null;
  } catch {
    return null;
  }
}

export function unsignedPublisher(): PackPublisher {
  return { signature: 'unsigned', name: null, keyId: null, fingerprint: null, trustedComment: null };
}
