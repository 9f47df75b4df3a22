import type { PackManifest } from '../../common/library';
import type { CorpusInfo } from '../../common/types';
import { openArchive } from '../store/archive';
import { SchemaVersionError } from '../db/migrations';
import { describeError, openDatabase } from '../db/open-database';
import * as z from 'zod';
import { PackError } from './pack-error';

/** What `PRAGMA quick_check` answers: `ok`, or one row per problem found. */
const QUICK_CHECK_ROWS = z.array(z.object({ quick_check: z.string() }));

/**
 * Checks an extracted pack database whose bytes already matched the manifest's hash: SQLite's
 * own `quick_check`, then that it opens as a corpus of this app (schema, analyzer, index),
 * then that its metadata agrees with the manifest. Returns what the corpus says about itself.
 */
export function checkPackDatabase(databasePath: string, manifest: PackManifest, packFile: string): CorpusInfo {
  let db;
  try {
    db = openDatabase(databasePath, { readonly: true });
  } catch (error) {
    throw new PackError(
      'not-a-corpus',
      `${packFile}: corpus.sqlite is not a SQLite database (${describeError(error)}).`,
      packFile,
    );
  }
  try {
    const rows = QUICK_CHECK_ROWS.parse(db.pragma('quick_check'));
    const verdict = rows.map((row) => row.quick_check).join('; ');
    if (verdict !== 'ok')
      throw new PackError(
        'not-a-corpus',
        `${packFile}: corpus.sqlite fails SQLite's integrity check (${verdict.slice(0, 200)}).`,
        packFile,
      );
  } catch (error) {
    if (error instanceof PackError) throw error;
    throw new PackError(
      'not-a-corpus',
      `${packFile}: corpus.sqlite is not a readable SQLite database (${describeError(error)}).`,
      packFile,
    );
  } finally {
    db.close();
  }

  let info: CorpusInfo;
  try {
    // The full open the library will do: schema version, analyzer id, stored index.
    const archive = openArchive(databasePath);
    info = archive.info;
    archive.close();
  } catch (error) {
    if (error instanceof SchemaVersionError && error.found > error.known) {
      throw new PackError(
        'newer-schema',
        `${packFile} holds a corpus made by a newer version of the app (schema ${error.found}, this one reads up to ${error.known}).`,
        packFile,
      );
    }
    throw new PackError(
      'not-a-corpus',
      `${packFile}: corpus.sqlite is not a corpus this app can open (${describeError(error).replace(databasePath, 'corpus.sqlite')}).`,
      packFile,
    );
  }
  const disagreements = (['name', 'version', 'buildDate', 'schemaVersion', 'documentCount'] as const)
    .filter((field) => info[field] !== manifest[field])
    .map(
      (field) =>
        `${field} is ${JSON.stringify(manifest[field])} in manifest.json but ${JSON.stringify(info[field])} in the database`,
    );
  if (disagreements.length > 0) {
    throw new PackError('bad-manifest', `${packFile}: ${disagreements.join('; ')}.`, packFile);
  }
  return info;
}
