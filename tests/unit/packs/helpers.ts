import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Annotation } from '../../../src-main/common/annotations';
import { openAnnotationService } from '../../../src-main/core/annotations/annotation-service';
import { openArchive } from '../../../src-main/core/store/archive';
import { buildCorpus } from '../../../src-main/core/build/build';
import { parseManifest, writePack } from '../../../src-main/core/packs/index';
import {
  formatPublicKey,
  formatSecretKey,
  generateKeyPair,
  INTERACTIVE_SCRYPT_COST,
  publicKeyBase64,
  type SecretKey,
} from '../../../src-main/core/packs/minisign';
import { signPackFile } from '../../../src-main/core/packs/pack-signature';
import { spawnSync } from 'node:child_process';
import { brotliDecompressSync } from 'node:zlib';
import { CORPUS_SCHEMA_VERSION } from '../../../src-main/core/store/corpus-schema';

/** The real corpus, read where it lives (never copied into the project). */
export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');
export const SEEDS = path.join(CORPUS, 'seeds');
export const GOBIERNOFACIL = path.join(CORPUS, 'gobiernofacil');
export const LETTER_FILE = '000_ff8ecd809083cd7f.txt';
export const ARTICLE_FILE = '001_3d21b2bec742277f.txt';

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `packs-${prefix}-`));
}

/** A folder's entries, sorted: "nothing installed" means this did not change. */
export function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}

export interface SeedBuild {
  /** Applied to each seed's source before import (same file names, so the same document ids). */
  edit?: (file: string, source: string) => string;
  omit?: string[];
  name?: string;
  version?: string;
}

/** Builds a corpus database from the two real seeds (possibly edited) inside `dir`. */
export async function buildSeedsDatabase(dir: string, options: SeedBuild = {}): Promise<string> {
  // Document ids derive from the source path including the folder's name: always "seeds".
  const input = path.join(mkdtempSync(path.join(dir, 'build-')), 'seeds');
  mkdirSync(input);
  for (const file of [LETTER_FILE, ARTICLE_FILE]) {
    if (options.omit?.includes(file)) continue;
    const source = readFileSync(path.join(SEEDS, file), 'utf8');
    writeFileSync(path.join(input, file), options.edit ? options.edit(file, source) : source);
  }
  const out = path.join(input, 'corpus.sqlite');
  await buildCorpus({ inputs: [input], out, name: options.name ?? 'Semillas', version: options.version ?? '1' });
  return out;
}

/** A pack of the seeds (edited as asked), written as `<dir>/<id>-<version>.archive`. */
export async function makeSeedsPack(dir: string, id: string, options: SeedBuild = {}): Promise<string> {
  const database = await buildSeedsDatabase(dir, options);
  const out = path.join(dir, `${id}-${options.version ?? '1'}.archive`);
  await writePack({ databasePath: database, out, id });
  return out;
}

export interface PostPack {
  /** A file name in gobiernofacil/_posts. */
  post: string;
  id: string;
  name: string;
  version: string;
  /** The source folder's name: document ids derive from it. */
  sourceFolder: string;
}

/**
 * A pack made from one real gobiernofacil post (copied into `<dir>/<sourceFolder>/_posts`, never
 * into the project) with the real builder and pack writer; written as `<dir>/<id>.archive`.
 */
export async function makePostPack(dir: string, { post, id, name, version, sourceFolder }: PostPack): Promise<string> {
  const posts = path.join(dir, sourceFolder, '_posts');
  mkdirSync(posts, { recursive: true });
  copyFileSync(path.join(GOBIERNOFACIL, '_posts', post), path.join(posts, post));
  const database = path.join(dir, `${id}.sqlite`);
  await buildCorpus({ inputs: [path.join(dir, sourceFolder)], out: database, name, version });
  const out = path.join(dir, `${id}.archive`);
  await writePack({ databasePath: database, out, id });
  return out;
}

export interface BrokenLibrary {
  /** The bundled seeds cut short after 8 KB: `<dir>/corpus.sqlite`. */
  truncated: string;
  /** `<dir>/user`, holding only user.sqlite. */
  userDir: string;
  note: Annotation;
  /** user.sqlite's bytes right after the note was written. */
  notesBefore: Buffer;
}

/**
 * The bundled seeds built into `<dir>/seeds.sqlite`, a note written on the letter's
 * "Secretariado Técnico Tripartita" while the corpus was whole, then the corpus interrupted
 * after its first 8 KB: a library where nothing opens but notes exist.
 */
export async function seedsNotedThenTruncated(dir: string, noteText: string): Promise<BrokenLibrary> {
  const seeds = path.join(dir, 'seeds.sqlite');
  await buildCorpus({ inputs: [path.resolve(__dirname, '../../../resources/corpus')], out: seeds, name: 'Semillas' });
  const quote = 'Secretariado Técnico Tripartita';
  const userDir = path.join(dir, 'user');
  const whole = openArchive(seeds);
  const letter = whole.search({ query: quote, filters: { type: ['letter'] } }).hits[0];
  if (!letter) throw new Error('the seed letter was not found');
  const text = whole.getDocument(letter.id)?.text ?? '';
  const service = await openAnnotationService(userDir, whole);
  const note = await service.call('createAnnotation', [
    { documentId: letter.id, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, note: noteText },
  ]);
  service.close();
  whole.close();
  for (const name of readdirSync(userDir))
    if (name !== 'user.sqlite') rmSync(path.join(userDir, name), { recursive: true, force: true });
  const notesBefore = readFileSync(path.join(userDir, 'user.sqlite'));
  const truncated = path.join(dir, 'corpus.sqlite');
  writeFileSync(truncated, readFileSync(seeds).subarray(0, 8192));
  return { truncated, userDir, note, notesBefore };
}

/**
 * One POSIX ustar entry written by hand: hostile packs (symlinks, `../` names, extra entries,
 * lying manifests) are exactly what a tar library would refuse to write.
 */
export function ustarEntry(
  name: string,
  data: Buffer,
  type: '0' | '2' | '5' = '0',
  linkname = '',
  declaredSize = data.length,
): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100, 'latin1');
  header.write('0000000\0', 108, 'latin1');
  header.write('0000000\0', 116, 'latin1');
  header.write(`${declaredSize.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write('00000000000\0', 136, 'latin1');
  header.write('        ', 148, 'latin1');
  header.write(type, 156, 'latin1');
  header.write(linkname, 157, 100, 'utf8');
  header.write('ustar\0', 257, 'latin1');
  header.write('00', 263, 'latin1');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding]);
}

/** A whole tar: the entries, then the two zero blocks that end an archive. */
export function tarOf(entries: Buffer[]): Buffer {
  return Buffer.concat([...entries, Buffer.alloc(1024)]);
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A manifest as the pack writer makes it, for a database's bytes (fields overridable). */
export function manifestFor(database: Buffer, fields: Record<string, unknown>): Buffer {
  const manifest = {
    format: 'archivo-sin-conexion-pack',
    formatVersion: 1,
    id: 'a-mano',
    name: 'Semillas',
    version: '1',
    buildDate: new Date().toISOString(),
    documentCount: 2,
    schemaVersion: CORPUS_SCHEMA_VERSION,
    database: { file: 'corpus.sqlite', bytes: database.length, sha256: sha256(database) },
    ...fields,
  };
  return Buffer.from(JSON.stringify(manifest));
}

/**
 * Reads a pack's two entries back (written by our writer: manifest first, then the database,
 * brotli-compressed since pack format 2): the database as installed, and its entry as stored.
 */
export function unpackOwnPack(file: string): {
  manifest: Record<string, unknown>;
  database: Buffer;
  databaseEntry: { name: string; bytes: Buffer; offset: number };
} {
  const bytes = readFileSync(file);
  const entries: Array<{ name: string; bytes: Buffer; offset: number }> = [];
  let at = 0;
  while (at + 512 <= bytes.length && entries.length < 2) {
    const name = bytes.toString('utf8', at, at + 100).replace(/\0.*$/s, '');
    const size = Number.parseInt(
      bytes
        .toString('latin1', at + 124, at + 136)
        .replace(/\0.*$/, '')
        .trim(),
      8,
    );
    entries.push({ name, bytes: bytes.subarray(at + 512, at + 512 + size), offset: at + 512 });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  const [manifest, stored] = entries;
  if (!manifest || !stored) throw new Error(`${file} does not hold two entries`);
  return {
    manifest: JSON.parse(manifest.bytes.toString('utf8')) as Record<string, unknown>,
    database: stored.name.endsWith('.br') ? brotliDecompressSync(stored.bytes) : stored.bytes,
    databaseEntry: stored,
  };
}

/** A minimal real zip (stored, one file), written by hand: what a user might rename to .archive. */
export function zipOf(name: string, data: Buffer, crc32: (data: Buffer) => number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

/** A publisher key for tests: libsodium's "interactive" scrypt cost (the format records it; milliseconds). */
export interface TestPublisher {
  name: string;
  secret: SecretKey;
  /** `<dir>/<slug>.key` and `.pub`, as `corpus key new` writes them. */
  keyFile: string;
  pubFile: string;
  passphrase: string;
}

export async function makePublisher(
  dir: string,
  name: string,
  passphrase = `clave de ${name}`,
): Promise<TestPublisher> {
  const secret = generateKeyPair();
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const keyFile = path.join(dir, `${slug}.key`);
  const pubFile = path.join(dir, `${slug}.pub`);
  writeFileSync(keyFile, await formatSecretKey(secret, passphrase, INTERACTIVE_SCRYPT_COST));
  writeFileSync(pubFile, formatPublicKey(secret, name));
  return { name, secret, keyFile, pubFile, passphrase };
}

/** Signs a pack our writer made (its manifest read back from the file): `<pack>.minisig`. */
export async function signOwnPack(pack: string, publisher: TestPublisher): Promise<string> {
  const { manifest } = unpackOwnPack(pack);
  return signPackFile(pack, publisher.secret, parseManifest(Buffer.from(JSON.stringify(manifest)), pack));
}

/** An installer's publishers.json pinning these publishers, with its policy. */
export function writePublishersFile(
  file: string,
  publishers: TestPublisher[],
  policy: { unsignedPacks: 'refuse' | 'confirm'; unknownKeys: 'refuse' | 'confirm' },
): string {
  const content = {
    format: 'archivo-sin-conexion-publishers',
    formatVersion: 1,
    ...policy,
    publishers: publishers.map((publisher) => ({ name: publisher.name, publicKey: publicKeyBase64(publisher.secret) })),
  };
  writeFileSync(file, JSON.stringify(content, null, 2));
  return file;
}

/** The stock minisign tool, when this machine has it (CI installs it; see .ci/run). */
export function stockMinisign(): string | null {
  const found = spawnSync('minisign', ['-v'], { encoding: 'utf8' });
  return found.status === 0 ? 'minisign' : null;
}
