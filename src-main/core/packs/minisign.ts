import * as ed25519 from '@noble/ed25519';
import { blake2b } from '@noble/hashes/blake2.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { createHash, getHashes, randomBytes, scrypt } from 'node:crypto';

/**
 * Minisign's file formats (https://jedisct1.github.io/minisign/), so that anyone can check a
 * pack with the stock `minisign` tool and the app can read keys and signatures that tool made.
 * The primitives are @noble's (Ed25519, BLAKE2b) and Node's (scrypt); this module only lays out bytes.
 *
 * - public key: `untrusted comment: …` then base64("Ed" ‖ key id[8] ‖ Ed25519 public key[32])
 * - secret key: base64("Ed" ‖ "Sc" ‖ "B2" ‖ salt[32] ‖ opslimit[8 LE] ‖ memlimit[8 LE] ‖
 *   (key id[8] ‖ secret key[64] ‖ BLAKE2b-256("Ed" ‖ key id ‖ secret key)[32]) XOR scrypt(passphrase))
 * - signature: base64("ED" ‖ key id ‖ Ed25519(BLAKE2b-512(file))), `trusted comment: …`, and
 *   base64(Ed25519(signature ‖ trusted comment)), the "global" signature binding the comment.
 */

const NATIVE_BLAKE2B = getHashes().includes('blake2b512');

// Synchronous signing and verifying need @noble/ed25519 to be given its SHA-512.
ed25519.hashes.sha512 = sha512;

const KEY_ALGORITHM = 'Ed';
const PREHASHED_ALGORITHM = 'ED';
const KDF_SCRYPT = 'Sc';
const KDF_NONE = '\0\0';
const CHECKSUM_ALGORITHM = 'B2';
const UNTRUSTED_PREFIX = 'untrusted comment: ';
const TRUSTED_PREFIX = 'trusted comment: ';
const KEY_ID_BYTES = 8;
const PUBLIC_KEY_FILE_BYTES = 2 + KEY_ID_BYTES + 32;
const SIGNATURE_LINE_BYTES = 2 + KEY_ID_BYTES + 64;
/** key id ‖ secret key (seed ‖ public key, libsodium's layout) ‖ checksum. */
const SECRET_PAYLOAD_BYTES = KEY_ID_BYTES + 64 + 32;
const SECRET_KEY_FILE_BYTES = 6 + 32 + 8 + 8 + SECRET_PAYLOAD_BYTES;
/** Minisign refuses longer trusted comments. */
export const MAX_TRUSTED_COMMENT_BYTES = 8192;
/**
 * Far above a real signature file (4 lines, under 9 KiB with the longest trusted comment): a
 * bigger file read from a stick is not one, and is refused before it is read into memory.
 */
export const MAX_SIGNATURE_FILE_BYTES = 16 * 1024;

/**
 * scrypt costs as libsodium's `crypto_pwhash_scryptsalsa208sha256` counts them. Minisign writes
 * the "sensitive" costs (1 GiB of memory, seconds to derive); a key file records its own costs
 * and every reader (minisign too) derives with what the file says, so tests may write cheaper keys.
 */
export interface ScryptCost {
  opslimit: number;
  memlimit: number;
}
export const MINISIGN_SCRYPT_COST: ScryptCost = { opslimit: 33_554_432, memlimit: 1_073_741_824 };
/** libsodium's "interactive" costs (16 MiB): only for tests and throwaway keys. */
export const INTERACTIVE_SCRYPT_COST: ScryptCost = { opslimit: 524_288, memlimit: 16_777_216 };

/** A file in one of minisign's formats that cannot be read; the message names the file. */
export class MinisignFormatError extends Error {
  override readonly name = 'MinisignFormatError';
}

/** A secret key whose passphrase is wrong (the checksum after decryption does not match). */
export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
}

export interface PublicKey {
  /** 8 bytes, random, chosen when the key was made; signatures name their key by it. */
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

export interface SecretKey extends PublicKey {
  /** The 32-byte Ed25519 seed. */
  seed: Uint8Array;
}

export interface Signature {
  /** "ED" (BLAKE2b-512 prehashed, what minisign makes since 0.8) or "Ed" (the whole file signed). */
  algorithm: 'ED' | 'Ed';
  keyId: Uint8Array;
  signature: Uint8Array;
  trustedComment: string;
  globalSignature: Uint8Array;
  untrustedComment: string;
}

/** A new key pair with a random key id. */
export function generateKeyPair(): SecretKey {
  const seed = new Uint8Array(randomBytes(32));
  return { keyId: new Uint8Array(randomBytes(KEY_ID_BYTES)), seed, publicKey: ed25519.getPublicKey(seed) };
}

/** The key id as minisign prints it: the 8 bytes read as a little-endian number, in hex (no leading zeros). */
export function keyIdHex(keyId: Uint8Array): string {
  return Buffer.from(keyId).readBigUInt64LE(0).toString(16).toUpperCase();
}

/** The base64 line of a public key file (what `minisign -P` takes). */
export function publicKeyBase64(key: PublicKey): string {
  return Buffer.concat([Buffer.from(KEY_ALGORITHM, 'latin1'), key.keyId, key.publicKey]).toString('base64');
}

/** A public key file; `publisher` (a name) goes into its untrusted comment, read back by `dist`. */
export function formatPublicKey(key: PublicKey, publisher?: string): string {
  const named = publisher ? ` publisher: ${publisher.replace(/[\r\n]/g, ' ')}` : '';
  return `${UNTRUSTED_PREFIX}minisign public key ${keyIdHex(key.keyId)}${named}\n${publicKeyBase64(key)}\n`;
}

/** The publisher's name a public key file's comment gives (see `formatPublicKey`), or null. */
export function publisherFromComment(text: string): string | null {
  const first = text.replace(/\r\n/g, '\n').split('\n')[0] ?? '';
  const at = first.indexOf(' publisher: ');
  if (!first.startsWith(UNTRUSTED_PREFIX) || at < 0) return null;
  return first.slice(at + ' publisher: '.length).trim() || null;
}

/** Reads a public key file, or its base64 line alone. `source` names it in errors. */
export function parsePublicKey(text: string, source: string): PublicKey {
  const lines = contentLines(text);
  const line = lines.length === 1 ? lines[0] : lines[1];
  if (lines.length > 2 || (lines.length === 2 && !lines[0]?.startsWith(UNTRUSTED_PREFIX)) || line === undefined) {
    throw new MinisignFormatError(`${source} is not a minisign public key (expected a comment line and one key line).`);
  }
  const bytes = decodeBase64(line, source, 'public key');
  if (bytes.length !== PUBLIC_KEY_FILE_BYTES || bytes.toString('latin1', 0, 2) !== KEY_ALGORITHM) {
    throw new MinisignFormatError(`${source} is not a minisign Ed25519 public key (wrong length or algorithm).`);
  }
  return { keyId: new Uint8Array(bytes.subarray(2, 10)), publicKey: new Uint8Array(bytes.subarray(10)) };
}

/**
 * libsodium's conversion of (opslimit, memlimit) into scrypt's N, r, p
 * (`pickparams` in crypto_pwhash/scryptsalsa208sha256): minisign stores the former.
 */
export function scryptParameters(cost: ScryptCost): { N: number; r: number; p: number } {
  const opslimit = Math.max(cost.opslimit, 32_768);
  const r = 8;
  const log2Below = (maxN: number): number => {
    let log2 = 1;
    while (log2 < 63 && 2 ** log2 <= Math.floor(maxN / 2)) log2 += 1;
    return log2;
  };
  if (opslimit < cost.memlimit / 32) {
    return { N: 2 ** log2Below(Math.floor(opslimit / (r * 4))), r, p: 1 };
  }
  const log2 = log2Below(Math.floor(cost.memlimit / (r * 128)));
  const maxrp = Math.min(Math.floor(opslimit / 4 / 2 ** log2), 0x3fffffff);
  return { N: 2 ** log2, r, p: Math.max(1, Math.floor(maxrp / r)) };
}

/**
 * Node's scrypt (OpenSSL's, in libuv's thread pool): at minisign's own cost (N=2^20, 1 GiB) it took
 * 3.1 s where @noble's JavaScript scrypt took 4.5 s and held the calling thread (2026-12-07, same
 * machine, same bytes), and a librarian's `corpus key new` and every signed pack pay it once.
 */
async function keystream(passphrase: string, salt: Uint8Array, cost: ScryptCost): Promise<Uint8Array> {
  const { N, r, p } = scryptParameters(cost);
  // maxmem: scrypt's own 128·N·r plus the small p-block; minisign's sensitive cost is exactly 1 GiB.
  const maxmem = 128 * N * r * (p + 1) + 4096;
  return new Promise((resolve, reject) => {
    scrypt(passphrase, salt, SECRET_PAYLOAD_BYTES, { N, r, p, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(new Uint8Array(key));
    });
  });
}

function secretChecksum(key: SecretKey): Uint8Array {
  return blake2b(Buffer.concat([Buffer.from(KEY_ALGORITHM, 'latin1'), key.keyId, key.seed, key.publicKey]), {
    dkLen: 32,
  });
}

/** A secret key file encrypted with `passphrase`, as `minisign -G` writes it. */
export async function formatSecretKey(
  key: SecretKey,
  passphrase: string,
  cost: ScryptCost = MINISIGN_SCRYPT_COST,
): Promise<string> {
  const salt = new Uint8Array(randomBytes(32));
  const payload = Buffer.concat([key.keyId, key.seed, key.publicKey, secretChecksum(key)]);
  const stream = await keystream(passphrase, salt, cost);
  for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] ?? 0) ^ (stream[i] ?? 0);
  const limits = Buffer.alloc(16);
  limits.writeBigUInt64LE(BigInt(cost.opslimit), 0);
  limits.writeBigUInt64LE(BigInt(cost.memlimit), 8);
  const bytes = Buffer.concat([
    Buffer.from(KEY_ALGORITHM + KDF_SCRYPT + CHECKSUM_ALGORITHM, 'latin1'),
    salt,
    limits,
    payload,
  ]);
  return `${UNTRUSTED_PREFIX}minisign encrypted secret key\n${bytes.toString('base64')}\n`;
}

/** Reads (and decrypts) a secret key file written by minisign or by `formatSecretKey`. */
export async function parseSecretKey(text: string, passphrase: string, source: string): Promise<SecretKey> {
  const lines = contentLines(text);
  if (lines.length !== 2 || !lines[0]?.startsWith(UNTRUSTED_PREFIX) || lines[1] === undefined) {
    throw new MinisignFormatError(`${source} is not a minisign secret key (expected a comment line and one key line).`);
  }
  const bytes = decodeBase64(lines[1], source, 'secret key');
  const header = bytes.toString('latin1', 0, 6);
  if (bytes.length !== SECRET_KEY_FILE_BYTES || !header.startsWith(KEY_ALGORITHM) || !header.endsWith('B2')) {
    throw new MinisignFormatError(`${source} is not a minisign Ed25519 secret key (wrong length or algorithm).`);
  }
  const kdf = header.slice(2, 4);
  const payload = Buffer.from(bytes.subarray(54));
  if (kdf === KDF_SCRYPT) {
    const cost = { opslimit: Number(bytes.readBigUInt64LE(38)), memlimit: Number(bytes.readBigUInt64LE(46)) };
    if (cost.memlimit > MINISIGN_SCRYPT_COST.memlimit) {
      throw new MinisignFormatError(`${source} asks for more than 1 GiB of memory to decrypt; refusing.`);
    }
    const stream = await keystream(passphrase, new Uint8Array(bytes.subarray(6, 38)), cost);
    for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] ?? 0) ^ (stream[i] ?? 0);
  } else if (kdf !== KDF_NONE) {
    throw new MinisignFormatError(`${source} is encrypted with an unknown method.`);
  }
  const key: SecretKey = {
    keyId: new Uint8Array(payload.subarray(0, 8)),
    seed: new Uint8Array(payload.subarray(8, 40)),
    publicKey: new Uint8Array(payload.subarray(40, 72)),
  };
  // minisign -W (no passphrase) leaves the checksum zero; the public half must still match the seed.
  const checksum = payload.subarray(72);
  const unchecked = kdf === KDF_NONE && checksum.every((byte) => byte === 0);
  if (!unchecked && !Buffer.from(secretChecksum(key)).equals(checksum)) {
    throw new WrongPassphraseError(`Wrong passphrase for ${source} (or the key file is damaged).`);
  }
  if (!Buffer.from(ed25519.getPublicKey(key.seed)).equals(Buffer.from(key.publicKey))) {
    throw new MinisignFormatError(`${source} is damaged: its secret and public halves do not belong together.`);
  }
  return key;
}

/** Which BLAKE2b-512 to use: Node's OpenSSL one, or @noble's pure-JavaScript one. */
export type Blake2bImplementation = 'native' | 'noble';

/** Node's OpenSSL has BLAKE2b-512; Electron's BoringSSL does not, so there it is @noble's. */
export const AVAILABLE_BLAKE2B: Blake2bImplementation = NATIVE_BLAKE2B ? 'native' : 'noble';

/**
 * A streaming BLAKE2b-512, the prehash minisign signs. Node's OpenSSL one where it exists (about
 * twenty times faster on a multi-gigabyte pack); @noble's where it does not. `implementation`
 * is for tests that check both give the same digest.
 */
export function createFileHasher(implementation: Blake2bImplementation = AVAILABLE_BLAKE2B): {
  update(chunk: Uint8Array): void;
  digest(): Uint8Array;
} {
  if (implementation === 'native') {
    const native = createHash('blake2b512');
    return {
      update: (chunk) => {
        native.update(chunk);
      },
      digest: () => new Uint8Array(native.digest()),
    };
  }
  const hash = blake2b.create({ dkLen: 64 });
  return {
    update: (chunk) => {
      hash.update(chunk);
    },
    digest: () => hash.digest(),
  };
}

/**
 * A signature file over a file whose BLAKE2b-512 is `fileHash`. The trusted comment is signed
 * (minisign shows it after a good check); one line, at most 8 KiB.
 */
export function formatSignature(
  key: SecretKey,
  fileHash: Uint8Array,
  trustedComment: string,
  untrusted: string,
): string {
  if (/[\r\n]/.test(trustedComment) || Buffer.byteLength(trustedComment) > MAX_TRUSTED_COMMENT_BYTES) {
    throw new Error('A trusted comment is one line of at most 8 KiB.');
  }
  const signature = ed25519.sign(fileHash, key.seed);
  const global = ed25519.sign(Buffer.concat([signature, Buffer.from(trustedComment, 'utf8')]), key.seed);
  const line = Buffer.concat([Buffer.from(PREHASHED_ALGORITHM, 'latin1'), key.keyId, signature]).toString('base64');
  return `${UNTRUSTED_PREFIX}${untrusted.replace(/[\r\n]/g, ' ')}\n${line}\n${TRUSTED_PREFIX}${trustedComment}\n${Buffer.from(global).toString('base64')}\n`;
}

/** Reads a signature file; `source` names it in errors. Nothing is verified here. */
export function parseSignature(text: string, source: string): Signature {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const [untrusted, line, trusted, global] = lines;
  if (
    lines.length !== 4 ||
    untrusted?.startsWith(UNTRUSTED_PREFIX) !== true ||
    line === undefined ||
    trusted?.startsWith(TRUSTED_PREFIX) !== true ||
    global === undefined
  ) {
    throw new MinisignFormatError(
      `${source} is not a minisign signature (expected 4 lines: untrusted comment, signature, trusted comment, global signature).`,
    );
  }
  const bytes = decodeBase64(line, source, 'signature');
  const algorithm = bytes.toString('latin1', 0, 2);
  if (bytes.length !== SIGNATURE_LINE_BYTES || (algorithm !== 'ED' && algorithm !== 'Ed')) {
    throw new MinisignFormatError(`${source} is not a minisign Ed25519 signature (wrong length or algorithm).`);
  }
  const globalSignature = decodeBase64(global, source, 'global signature');
  if (globalSignature.length !== 64) {
    throw new MinisignFormatError(`${source}: its last line is not a 64-byte signature of the trusted comment.`);
  }
  return {
    algorithm,
    keyId: new Uint8Array(bytes.subarray(2, 10)),
    signature: new Uint8Array(bytes.subarray(10)),
    trustedComment: trusted.slice(TRUSTED_PREFIX.length),
    globalSignature: new Uint8Array(globalSignature),
    untrustedComment: untrusted.slice(UNTRUSTED_PREFIX.length),
  };
}

export function sameKeyId(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/**
 * Which part of a signature check failed: `file` = the signed bytes (or the signature line)
 * do not match; `comment` = the trusted comment was changed; `key` = signed by another key.
 */
export type SignatureVerdict = 'valid' | 'key' | 'file' | 'comment';

/**
 * Verifies a signature as `minisign -V` does: the key ids agree, the signature covers the file
 * (its BLAKE2b-512 for "ED", `fileBytes` for legacy "Ed"), and the global signature covers the
 * signature and the trusted comment.
 */
export function verifySignature(
  signature: Signature,
  key: PublicKey,
  file: { blake2b512: Uint8Array; bytes?: Uint8Array },
): SignatureVerdict {
  if (!sameKeyId(signature.keyId, key.keyId)) return 'key';
  const message = signature.algorithm === 'ED' ? file.blake2b512 : file.bytes;
  if (message === undefined) return 'file';
  const options = { zip215: false };
  if (!ed25519.verify(signature.signature, message, key.publicKey, options)) return 'file';
  const commented = Buffer.concat([signature.signature, Buffer.from(signature.trustedComment, 'utf8')]);
  if (!ed25519.verify(signature.globalSignature, commented, key.publicKey, options)) return 'comment';
  return 'valid';
}

function contentLines(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

function decodeBase64(line: string, source: string, what: string): Buffer {
  const trimmed = line.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) {
    throw new MinisignFormatError(`${source}: the ${what} line is not base64.`);
  }
  return Buffer.from(trimmed, 'base64');
}
