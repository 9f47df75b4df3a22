import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../../src-main/core/packs/fingerprint';
import {
  createFileHasher,
  formatPublicKey,
  formatSecretKey,
  formatSignature,
  generateKeyPair,
  INTERACTIVE_SCRYPT_COST,
  keyIdHex,
  MINISIGN_SCRYPT_COST,
  parsePublicKey,
  parseSecretKey,
  parseSignature,
  scryptParameters,
  verifySignature,
  WrongPassphraseError,
} from '../../../src-main/core/packs/minisign';
import { CORPUS, makeSeedsPack, makePublisher, signOwnPack, stockMinisign, tempDir } from './helpers';

function blake2b512(bytes: Uint8Array): Uint8Array {
  const hasher = createFileHasher();
  hasher.update(bytes);
  return hasher.digest();
}

describe('minisign formats', () => {
  it("converts libsodium's scrypt costs as minisign does (sensitive: N=2^20, r=8, p=1)", () => {
    expect(scryptParameters(MINISIGN_SCRYPT_COST)).toEqual({ N: 2 ** 20, r: 8, p: 1 });
    expect(scryptParameters(INTERACTIVE_SCRYPT_COST)).toEqual({ N: 2 ** 14, r: 8, p: 1 });
  });

  it('round-trips a key pair and a signature; a changed byte or comment fails its own check', async () => {
    const key = generateKeyPair();
    const secretText = await formatSecretKey(key, 'contraseña larga', INTERACTIVE_SCRYPT_COST);
    const unlocked = await parseSecretKey(secretText, 'contraseña larga', 'editorial.key');
    expect(Buffer.from(unlocked.seed).equals(Buffer.from(key.seed))).toBe(true);
    await expect(parseSecretKey(secretText, 'otra', 'editorial.key')).rejects.toThrow(WrongPassphraseError);
    await expect(parseSecretKey(secretText, 'otra', 'editorial.key')).rejects.toThrow(/editorial\.key/);

    const publicKey = parsePublicKey(formatPublicKey(key, 'Editorial Sonora'), 'editorial.pub');
    expect(keyIdHex(publicKey.keyId)).toBe(keyIdHex(key.keyId));
    expect(keyFingerprint(publicKey)).toMatch(/^\d{5} \d{5} \d{5} \d{5} \d{5}$/);

    const letter = Buffer.from('Carta abierta sobre el espionaje, 22 de junio de 2017\n');
    const text = formatSignature(unlocked, blake2b512(letter), 'pack:cartas\tversion:1', 'prueba');
    const signature = parseSignature(text, 'carta.txt.minisig');
    expect(verifySignature(signature, publicKey, { blake2b512: blake2b512(letter) })).toBe('valid');
    const altered = Buffer.from(letter);
    altered[5] = (altered[5] ?? 0) ^ 1;
    expect(verifySignature(signature, publicKey, { blake2b512: blake2b512(altered) })).toBe('file');
    const newComment = parseSignature(text.replace('version:1', 'version:9'), 'carta.txt.minisig');
    expect(verifySignature(newComment, publicKey, { blake2b512: blake2b512(letter) })).toBe('comment');
    expect(verifySignature(signature, generateKeyPair(), { blake2b512: blake2b512(letter) })).toBe('key');
  });

  it("Node's BLAKE2b-512 and @noble's give the same digest, however the file arrives in chunks", () => {
    const letter = readFileSync(path.join(CORPUS, 'pdf/carta-osc-aga-2017-05-23.pdf'));
    const digestOf = (implementation: 'native' | 'noble', chunkSize: number) => {
      const hasher = createFileHasher(implementation);
      for (let start = 0; start < letter.length; start += chunkSize)
        hasher.update(letter.subarray(start, start + chunkSize));
      return Buffer.from(hasher.digest()).toString('hex');
    };
    const native = digestOf('native', 65_536);
    expect(native).toHaveLength(128);
    expect(digestOf('noble', 65_536)).toBe(native);
    expect(digestOf('noble', 1_000)).toBe(native);
    // BLAKE2b-512 of the empty string, from RFC 7693's reference implementation.
    expect(Buffer.from(createFileHasher('noble').digest()).toString('hex')).toMatch(/^786a02f742015903/);
    expect(Buffer.from(createFileHasher('native').digest()).toString('hex')).toMatch(/^786a02f742015903/);
  });

  it('names the file when a key or signature is malformed', () => {
    expect(() => parsePublicKey('untrusted comment: x\nno es base64!\n', 'roto.pub')).toThrow(/roto\.pub/);
    expect(() => parseSignature('untrusted comment: x\nRWQ=\n', 'roto.minisig')).toThrow(/roto\.minisig.*4 lines/);
  });
});

const minisign = stockMinisign();
if (minisign === null) {
  console.warn(
    'minisign interoperability tests skipped: the `minisign` tool is not installed (apt-get install minisign).',
  );
}

describe.skipIf(minisign === null)('interoperability with the stock minisign tool', { timeout: 240_000 }, () => {
  let work: string;
  let pack: string;

  beforeAll(async () => {
    work = tempDir('minisign');
    pack = await makeSeedsPack(work, 'semillas', { name: 'Semillas', version: '2026.2' });
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('minisign -V accepts a pack the app signed and prints its signed comment', async () => {
    const publisher = await makePublisher(work, 'Editorial Sonora');
    await signOwnPack(pack, publisher);
    const checked = spawnSync('minisign', ['-Vm', pack, '-p', publisher.pubFile], { encoding: 'utf8' });
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(0);
    expect(checked.stdout).toContain('Signature and comment signature verified');
    expect(checked.stdout).toMatch(/Trusted comment: .*pack:semillas\tversion:2026\.2\tbuilt:/);

    const bytes = readFileSync(pack);
    bytes[600] = (bytes[600] ?? 0) ^ 1;
    const altered = path.join(work, 'alterado.archive');
    writeFileSync(altered, bytes);
    writeFileSync(`${altered}.minisig`, readFileSync(`${pack}.minisig`));
    expect(spawnSync('minisign', ['-Vm', altered, '-p', publisher.pubFile]).status).not.toBe(0);
  });

  it('the app reads a signature and an unencrypted secret key made by minisign', async () => {
    const keyFile = path.join(work, 'stock.key');
    const pubFile = path.join(work, 'stock.pub');
    const made = spawnSync('minisign', ['-G', '-W', '-s', keyFile, '-p', pubFile], { encoding: 'utf8' });
    expect(made.status).toBe(0);
    const file = path.join(work, 'carta.txt');
    writeFileSync(file, 'Carta abierta: exigimos una investigación independiente.\n');
    const signed = spawnSync('minisign', ['-Sm', file, '-s', keyFile, '-t', 'pack:cartas'], { encoding: 'utf8' });
    expect(signed.status).toBe(0);
    const publicKey = parsePublicKey(readFileSync(pubFile, 'utf8'), pubFile);
    // The key id reads as minisign prints it in the public key's comment.
    expect(readFileSync(pubFile, 'utf8')).toContain(`minisign public key ${keyIdHex(publicKey.keyId)}\n`);
    const signature = parseSignature(readFileSync(`${file}.minisig`, 'utf8'), `${file}.minisig`);
    expect(signature.algorithm).toBe('ED');
    expect(signature.trustedComment).toBe('pack:cartas');
    expect(verifySignature(signature, publicKey, { blake2b512: blake2b512(readFileSync(file)) })).toBe('valid');
    // minisign -W writes a key without a passphrase ("\0\0" instead of "Sc"): readable with any.
    const secret = await parseSecretKey(readFileSync(keyFile, 'utf8'), '', keyFile);
    expect(keyIdHex(secret.keyId)).toBe(keyIdHex(publicKey.keyId));
  });

  // The one test with minisign's own scrypt cost (1 GiB, seconds): the key `corpus key new` writes.
  it("minisign signs with a secret key the app encrypted at minisign's own cost", async () => {
    const key = generateKeyPair();
    const keyFile = path.join(work, 'sensible.key');
    const pubFile = path.join(work, 'sensible.pub');
    writeFileSync(keyFile, await formatSecretKey(key, 'frase de paso', MINISIGN_SCRYPT_COST));
    writeFileSync(pubFile, formatPublicKey(key));
    const file = path.join(work, 'nota.txt');
    writeFileSync(file, 'nota\n');
    const signed = spawnSync('minisign', ['-Sm', file, '-s', keyFile, '-t', 'nota'], {
      input: 'frase de paso\n',
      encoding: 'utf8',
    });
    expect(signed.status).toBe(0);
    expect(spawnSync('minisign', ['-Vm', file, '-p', pubFile]).status).toBe(0);
  });
});
