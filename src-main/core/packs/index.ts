/**
 * Archive packs: a corpus database travelling as one file (`<name>.archive`) with a manifest,
 * for librarians who hand out updates on USB sticks. The format is a POSIX tar holding
 * exactly `manifest.json` (first) and the database, brotli-compressed (`corpus.sqlite.br`; a
 * format-1 pack holds `corpus.sqlite` as is); see README "Archive packs".
 */
export { PackError, isPackError } from './pack-error';
export {
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  MANIFEST_ENTRY,
  DATABASE_ENTRY,
  COMPRESSED_DATABASE_ENTRY,
  MAX_MANIFEST_BYTES,
  MAX_DATABASE_BYTES,
  parseManifest,
} from './manifest';
export { compareVersions, isValidPackId, packIdFromName } from './versions';
export { readPack, checkPack, type VerifiedPack, type ReadPackOptions } from './pack-reader';
export { PACK_BUILD_FILES, writePack, type WritePackOptions } from './pack-writer';
