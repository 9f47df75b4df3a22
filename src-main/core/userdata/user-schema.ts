import type { Migration } from '../db/migrations';

/**
 * The user database's own numbered migrations (separate from the corpus schema: a new corpus
 * never touches notes). `migrate` runs each in one transaction with its `user_version`.
 * Append new steps; never edit a released one.
 */
export const USER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up(db) {
      db.exec(`
        CREATE TABLE annotations (
          id TEXT PRIMARY KEY,
          created TEXT NOT NULL,
          modified TEXT NOT NULL,
          motivation TEXT NOT NULL CHECK (motivation IN ('highlighting', 'commenting', 'tagging')),
          document_id TEXT NOT NULL,
          document_sha256 TEXT NOT NULL,
          quote_exact TEXT,
          quote_prefix TEXT,
          quote_suffix TEXT,
          position_start INTEGER,
          position_end INTEGER,
          original_quote TEXT,
          note TEXT NOT NULL,
          tags TEXT NOT NULL,
          colour TEXT NOT NULL CHECK (colour IN ('yellow', 'green', 'blue', 'pink', 'purple')),
          state TEXT NOT NULL CHECK (state IN ('anchored', 'moved', 'orphaned')),
          similarity REAL NOT NULL,
          -- Folded (lower-case, accents removed, ñ kept) quote + note + tags, for notes search.
          search_text TEXT NOT NULL,
          -- JSON array of the folded tags, for the tag filter.
          tags_folded TEXT NOT NULL,
          CHECK ((quote_exact IS NULL) = (position_start IS NULL) AND (position_start IS NULL) = (position_end IS NULL))
        ) STRICT;
        CREATE INDEX annotations_by_document ON annotations (document_id, position_start);
        CREATE INDEX annotations_by_modified ON annotations (modified);
      `);
    },
  },
  {
    version: 2,
    up(db) {
      // Collections, saved searches, search history, reading positions and the settings that
      // allow the last two. Document ids are not foreign keys: the corpus lives in another
      // database, and a list must survive a document that a rebuild dropped.
      db.exec(`
        CREATE TABLE collections (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
          created TEXT NOT NULL,
          modified TEXT NOT NULL
        ) STRICT;
        CREATE TABLE collection_documents (
          collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
          document_id TEXT NOT NULL,
          added TEXT NOT NULL,
          PRIMARY KEY (collection_id, document_id)
        ) STRICT;
        CREATE INDEX collection_documents_by_document ON collection_documents (document_id);
        CREATE TABLE saved_searches (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
          query TEXT NOT NULL,
          params TEXT NOT NULL,
          created TEXT NOT NULL
        ) STRICT;
        CREATE TABLE search_history (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          query TEXT NOT NULL,
          params TEXT NOT NULL UNIQUE,
          searched TEXT NOT NULL
        ) STRICT;
        CREATE TABLE reading_positions (
          document_id TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          start INTEGER NOT NULL CHECK (start >= 0),
          quote TEXT NOT NULL,
          updated TEXT NOT NULL
        ) STRICT;
        CREATE INDEX reading_positions_by_updated ON reading_positions (updated);
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
];
