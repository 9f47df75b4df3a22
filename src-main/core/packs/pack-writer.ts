import { randomBytes } from 'node:crypto';
import { copyFileSync, createReadStream, createWriteStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createBrotliCompress } from 'node:zlib';
import type { PackManifest } from '../../common/library';
import { readSchemaVersion } from '../db/migrations';
import { describeError, openDatabase } from '../db/open-database';
import {
  COMPRESSED_DATABASE_ENTRY,
  DATABASE_ENTRY,
  MANIFEST_ENTRY,
  MAX_DATABASE_BYTES,
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
} from './manifest';
import { isValidPackId } from './versions';
import { replaceDurably } from './installed-packs';
import { removeAbandonedBuildFiles, type BuildFileNames } from '../store/abandoned-build-files';
import { sha256File } from './file-hash';

export interface WritePackOptions {
  /** A finished corpus database (as `buildCorpus` writes it). It is copied, never moved. */
  databasePath: string;
  /** The pack file to write (`<name>.archive`); replaced atomically. */
  out: string;
  /** Pack id ([a-z0-9-], not `bundled`). */
  id: string;
}

/**
 * Brotli quality of the database entry. Measured on a 48 MB archive of 10,000 generated posts:
 * quality 4 leaves 84.4% in 1.0 s of CPU, 5 leaves 83.7% in 2.1 s, 6 83.5% in 3.5 s, 9 (with a
 * 16 MB window) 83.1% in 39 s. Most of an archive is already compressed (its document blocks
 * and long index lists); what is left to gain is in page slack, indexes and row headers.
 */
const DATABASE_BROTLI_QUALITY = 5;

/** How the pack writer names its staging folder and file beside the pack (abandoned-build-files.ts). */
export const PACK_BUILD_FILES: BuildFileNames = { kinds: ['staging', 'tmp'], suffixes: [''] };

/**
 * Writes a pack: a POSIX tar holding `manifest.json` then `corpus.sqlite.br` (the database as
 * one brotli stream, so the pack is smaller than the database it installs). Name, version,
 * build date, counts and schema version are read from the database itself (so the manifest
 * cannot disagree with it); its size and SHA-256 (of the database itself, as installed) and the
 * compressed size are computed here. Everything is written under a temporary name next to
 * `out` and renamed into place: a failure leaves no half-written pack and an existing `out`
 * untouched.
 */
export async function writePack(options: WritePackOptions): Promise<PackManifest> {
  if (!isValidPackId(options.id)) {
    throw new Error(
      `Pack id "${options.id}" is not allowed: use lowercase letters, digits and hyphens (and not "bundled")`,
    );
  }
  const target = path.resolve(options.out);
  const suffix = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const staging = `${target}.staging-${suffix}`;
  const temp = `${target}.tmp-${suffix}`;
  try {
    // What a pack writer whose process ended early (Ctrl-C, a kill) left beside the same target.
    removeAbandonedBuildFiles(target, PACK_BUILD_FILES);
    mkdirSync(staging, { recursive: true });
    const stagedDatabase = path.join(staging, DATABASE_ENTRY);
    copyFileSync(options.databasePath, stagedDatabase);
    const compressed = path.join(staging, COMPRESSED_DATABASE_ENTRY);
    await compressDatabase(stagedDatabase, compressed);
    const manifest = await describeDatabase(stagedDatabase, options.id, statSync(compressed).size);
    writeFileSync(path.join(staging, MANIFEST_ENTRY), `${JSON.stringify(manifest, null, 2)}\n`);
    // Loaded here: only `corpus pack` writes packs. portable: no user or group names, ids or
    // device numbers of the librarian's machine.
    const { create } = await import('tar');
    await create({ file: temp, cwd: staging, portable: true, strict: true }, [
      MANIFEST_ENTRY,
      COMPRESSED_DATABASE_ENTRY,
    ]);
    replaceDurably(temp, target);
    return manifest;
  } catch (error) {
    rmSync(temp, { force: true });
    throw new Error(`Cannot write pack ${target}: ${describeError(error)}`, { cause: error });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Streams the database through brotli (a 4 GB database never sits in memory). */
async function compressDatabase(databasePath: string, out: string): Promise<void> {
  const compressor = createBrotliCompress({
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: DATABASE_BROTLI_QUALITY,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: statSync(databasePath).size,
    },
  });
  await pipeline(createReadStream(databasePath), compressor, createWriteStream(out));
}

async function describeDatabase(databasePath: string, id: string, compressedBytes: number): Promise<PackManifest> {
  const bytes = statSync(databasePath).size;
  if (bytes > MAX_DATABASE_BYTES)
    throw new Error(`the corpus database is ${bytes} bytes, more than the 4 GB a pack may hold`);
  const db = openDatabase(databasePath, { readonly: true });
  let meta: Map<string, string>;
  let schemaVersion: number;
  try {
    schemaVersion = readSchemaVersion(db);
    const rows = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM meta').all();
    meta = new Map(rows.map((row) => [row.key, row.value]));
  } finally {
    db.close();
  }
  const required = (key: string): string => {
    const value = meta.get(key);
    if (value === undefined)
      throw new Error(`${databasePath} lacks corpus metadata "${key}"; is it a corpus database?`);
    return value;
  };
  return {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    id,
    name: required('name'),
    version: required('version'),
    buildDate: required('build_date'),
    documentCount: Number(required('document_count')),
    schemaVersion,
    database: { file: COMPRESSED_DATABASE_ENTRY, bytes, sha256: await sha256File(databasePath), compressedBytes },
  };
}
