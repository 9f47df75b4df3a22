import type { DocumentRecord } from '../../common/types';
import type { WarningCode } from './warning-kinds';
import type { DocumentAnalysis } from '../search/document-analysis';

/** A problem found while importing; never fatal for the build as a whole. */
export interface ImportWarning {
  /** Source path (relative, as stored in `DocumentRecord.source`), or the path as given. */
  file: string;
  /** 1-based line in the source file, when the problem has one. */
  line?: number;
  message: string;
  /** What kind of loss it reports (`warning-kinds.ts`, counted by `corpus build --report`); absent for other warnings. */
  code?: WarningCode;
  /** How many occurrences the warning stands for (repaired characters, embeds), when it counts more than itself. */
  count?: number;
}

/** An image read from the corpus folder, stored once by content hash. */
export interface ImportedAsset {
  /** SHA-256 (hex) of `bytes`; also the id documents reference. */
  id: string;
  mime: string;
  bytes: Buffer;
  /** Path of the image relative to the import root. */
  source: string;
}

/** One parsed document ready for the store and the index. */
export interface ImportedDocument extends DocumentRecord {
  /** Ids of the images its HTML references (`data-asset-id`). */
  assetIds: string[];
}

export interface ImportResult {
  documents: ImportedDocument[];
  /** Each imported document's search analysis by id, computed where it was rendered (for the writer). */
  analyses: Map<string, DocumentAnalysis>;
  assets: ImportedAsset[];
  warnings: ImportWarning[];
}
