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
];
