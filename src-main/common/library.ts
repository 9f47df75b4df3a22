/**
 * The library: the corpus bundled with the app plus the archive packs the user installed
 * (files that travel on USB sticks instead of downloads). Shapes shared by the core, both
 * transports and the renderer; this file imports nothing.
 */

/** Id of the corpus shipped inside the installer. Pack ids never take it. */
export const BUNDLED_ARCHIVE_ID = 'bundled';

/**
 * Separates a pack's id from a document's own id in the library's document ids
 * (`<packId>~<documentId>`). Documents of the bundled corpus keep their plain ids, so
 * annotations made before packs existed stay attached. `~` never occurs in a pack id
 * ([a-z0-9-]) nor in a corpus document id, and needs no escaping in a URL fragment.
 */
export const PACK_DOCUMENT_SEPARATOR = '~';

/** One archive of the library, as the UI lists it. */
export interface LibraryArchive {
  /** `BUNDLED_ARCHIVE_ID`, or the pack's id (lowercase letters, digits and hyphens). */
  id: string;
  kind: 'bundled' | 'pack';
  name: string;
  version: string;
  /** ISO timestamp of the corpus build. */
  buildDate: string;
  schemaVersion: number;
  documentCount: number;
  /** Packs only: who signed it, as checked when it was installed. */
  publisher?: PackPublisher;
}

/**
 * Who signed a pack (a minisign signature beside it, `<pack>.archive.minisig`), as checked at
 * install: `verified` = by a publisher the installer pins (or one it rotated to);
 * `unknown-key` = a key the installer does not know; `unsigned` = no signature.
 */
export interface PackPublisher {
  signature: 'verified' | 'unknown-key' | 'unsigned';
  /** The pinned publisher's name; null unless verified. */
  name: string | null;
  /** The key id as `minisign` prints it (16 hex digits); null when unsigned. */
  keyId: string | null;
  /** Five groups of five digits from the public key, to read aloud; null when unknown. */
  fingerprint: string | null;
  /** The signed comment (pack id, version, build date); null when unsigned. */
  trustedComment: string | null;
}

/** `manifest.json` inside a pack file. */
export interface PackManifest {
  format: 'archivo-sin-conexion-pack';
  /** 2: the database travels brotli-compressed (`corpus.sqlite.br`); 1: as is (older packs, still read). */
  formatVersion: 1 | 2;
  /** Stable across versions of the same pack: an upgrade replaces the pack with this id. */
  id: string;
  name: string;
  /** Librarian's version label, compared segment by segment as numbers (`2026.1` < `2026.10`). */
  version: string;
  buildDate: string;
  documentCount: number;
  /** Corpus database schema version (`PRAGMA user_version`). */
  schemaVersion: number;
  /** `bytes` and `sha256` are the database's own (as installed), compressed or not in the pack. */
  database:
    | { file: 'corpus.sqlite'; bytes: number; sha256: string }
    | { file: 'corpus.sqlite.br'; bytes: number; sha256: string; compressedBytes: number };
}

/** Why a pack file was refused; each has its own sentence in the UI. */
export type PackProblemCode =
  /** Not a pack at all: a zip, a random file, an empty file. */
  | 'not-a-pack'
  /** The file ends before its declared contents do. */
  | 'truncated'
  /** The database's SHA-256 or size differs from the manifest's: damaged or altered. */
  | 'tampered'
  /** manifest.json is missing fields, has wrong types or an unknown format version. */
  | 'bad-manifest'
  /** Made by a newer version of the app (schema or format this version cannot read). */
  | 'newer-schema'
  /** The hash matches but the database inside is not a corpus this app can open. */
  | 'not-a-corpus'
  /** The same id and version are installed already. */
  | 'already-installed'
  /** The signature beside the pack is not a minisign signature, or not one this app accepts. */
  | 'bad-signature'
  /** Unsigned, or signed by a key the installer does not trust, and its policy refuses such packs. */
  | 'untrusted-publisher';

/** What installing a pack did, or what it needs from the user first. */
export type PackInstallOutcome =
  | {
      kind: 'installed' | 'upgraded' | 'downgraded';
      archive: LibraryArchive;
      /** The version it replaced, null for a first install. */
      previousVersion: string | null;
      /** Annotations on this pack's documents after re-anchoring against the new text. */
      annotations: { unchanged: number; moved: number; orphaned: number };
    }
  | {
      /** An older version than the installed one: nothing changed; ask, then call again with allowDowngrade. */
      kind: 'confirm-downgrade';
      installed: LibraryArchive;
      offered: LibraryArchive;
    }
  | {
      /**
       * Unsigned or signed by an unknown key, and the installer's policy asks the user: nothing
       * changed; show the warning with `publisher.fingerprint`, then call again with allowUntrusted.
       */
      kind: 'confirm-publisher';
      offered: LibraryArchive;
      publisher: PackPublisher;
    };

/** What is wrong with a corpus database that could not be opened at start. */
export type CorpusProblemCode =
  'missing' | 'unreadable' | 'truncated' | 'corrupt' | 'not-a-corpus' | 'newer-schema' | 'stale-index';

export interface CorpusProblem {
  code: CorpusProblemCode;
  /** The file concerned, shown to the user so they can find it. */
  path: string;
  /** English sentence for logs; the UI words it by `code`. */
  message: string;
}
