import * as z from 'zod';
import type { PackManifest } from '../../common/library';
import { CORPUS_SCHEMA_VERSION } from '../store/corpus-schema';
import { PackError } from './pack-error';
import { isValidPackId } from './versions';
import { isRecord } from '../../common/guards';

export const PACK_FORMAT = 'archivo-sin-conexion-pack';
/**
 * 2 since issue 23: the database entry is brotli-compressed, so a pack is smaller than the
 * database it installs (an archive's SQLite pages still hold slack, indexes and row headers that
 * compress by about a sixth). Packs of format 1 (the database stored as is) are still read.
 */
export const PACK_FORMAT_VERSION = 2;
export const MANIFEST_ENTRY = 'manifest.json';
/** The database entry of a format-1 pack, and the name of every installed database's source. */
export const DATABASE_ENTRY = 'corpus.sqlite';
/** The database entry of a format-2 pack: `corpus.sqlite` as one brotli stream. */
export const COMPRESSED_DATABASE_ENTRY = 'corpus.sqlite.br';
/** A manifest is a few hundred bytes; anything near this is not ours. */
export const MAX_MANIFEST_BYTES = 64 * 1024;
/** Far above any real archive, low enough that a hostile header cannot fill a disk unnoticed. */
export const MAX_DATABASE_BYTES = 4 * 1024 * 1024 * 1024;

const databaseBytes = z.number().int().nonnegative().max(MAX_DATABASE_BYTES);
const databaseSha256 = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits');

const manifestFields = {
  format: z.literal(PACK_FORMAT),
  id: z.string().refine(isValidPackId, 'lowercase letters, digits and hyphens, not "bundled"'),
  name: z.string().min(1).max(200),
  version: z.string().regex(/^\d+(\.\d+)*$/, 'numbers separated by dots, e.g. 2026.1'),
  buildDate: z.iso.datetime(),
  documentCount: z.number().int().nonnegative(),
  schemaVersion: z.number().int().positive(),
};

/** Each format names its own database entry; a manifest mixing them is malformed. */
const manifestSchema = z.discriminatedUnion('formatVersion', [
  z.strictObject({
    ...manifestFields,
    formatVersion: z.literal(1),
    database: z.strictObject({ file: z.literal(DATABASE_ENTRY), bytes: databaseBytes, sha256: databaseSha256 }),
  }),
  z.strictObject({
    ...manifestFields,
    formatVersion: z.literal(2),
    database: z.strictObject({
      file: z.literal(COMPRESSED_DATABASE_ENTRY),
      bytes: databaseBytes,
      sha256: databaseSha256,
      compressedBytes: databaseBytes,
    }),
  }),
]);

/**
 * Parses `manifest.json`'s bytes. A manifest from a newer format or for a newer corpus schema
 * is `newer-schema` (checked before the shape, so a future manifest with new fields still gets
 * the right sentence); anything else malformed is `bad-manifest`, naming the field.
 */
export function parseManifest(bytes: Buffer, packFile: string): PackManifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new PackError(
      'bad-manifest',
      `${packFile}: manifest.json is not valid UTF-8 JSON (${error instanceof Error ? error.message : String(error)}).`,
      packFile,
    );
  }
  if (isRecord(value)) {
    const record = value;
    if (
      record.format === PACK_FORMAT &&
      typeof record.formatVersion === 'number' &&
      record.formatVersion > PACK_FORMAT_VERSION
    ) {
      throw new PackError(
        'newer-schema',
        `${packFile} is a pack of format version ${record.formatVersion}, made by a newer version of the app (this one reads version ${PACK_FORMAT_VERSION}).`,
        packFile,
      );
    }
    if (
      record.format === PACK_FORMAT &&
      typeof record.schemaVersion === 'number' &&
      record.schemaVersion > CORPUS_SCHEMA_VERSION
    ) {
      throw new PackError(
        'newer-schema',
        `${packFile} holds a corpus of schema ${record.schemaVersion}, made by a newer version of the app (this one reads up to ${CORPUS_SCHEMA_VERSION}).`,
        packFile,
      );
    }
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new PackError(
      'bad-manifest',
      `${packFile}: manifest.json field "${field}" is wrong: ${issue?.message ?? 'invalid'}.`,
      packFile,
    );
  }
  return parsed.data;
}
