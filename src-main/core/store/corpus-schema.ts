import type { Migration } from '../db/migrations';

/**
 * Schema of the corpus database (read-only at run time, replaced whole by an update).
 * STRICT tables and CHECK constraints make a bad value fail the build loudly instead of
 * being stored and misread later.
 */
export const CORPUS_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up(db) {
      db.exec(`
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE documents (
          id          TEXT PRIMARY KEY CHECK (length(id) > 0),
          type        TEXT NOT NULL CHECK (type IN ('article', 'letter', 'other')),
          title       TEXT NOT NULL,
          date        TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
          place       TEXT,
          authors     TEXT NOT NULL CHECK (json_type(authors) = 'array'),
          signatories TEXT NOT NULL CHECK (json_type(signatories) = 'array'),
          addressee   TEXT,
          category    TEXT,
          tags        TEXT NOT NULL CHECK (json_type(tags) = 'array'),
          description TEXT,
          source      TEXT NOT NULL,
          sha256      TEXT NOT NULL,
          words       INTEGER NOT NULL CHECK (words >= 0),
          -- text before html: SQLite reaches a column by walking the row's overflow pages in
          -- column order, and phrase checks read the text of thousands of rows per query.
          text        TEXT NOT NULL,
          html        TEXT NOT NULL
        ) STRICT;

        -- One row per (facet, value, document): lets the CLI or a future UI count facets in SQL.
        CREATE TABLE document_facets (
          facet       TEXT NOT NULL CHECK (facet IN ('type', 'category', 'tag', 'author', 'year')),
          value       TEXT NOT NULL,
          document_id TEXT NOT NULL REFERENCES documents(id),
          PRIMARY KEY (facet, value, document_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX document_facets_by_document ON document_facets(document_id);

        CREATE TABLE assets (
          id     TEXT PRIMARY KEY CHECK (length(id) = 64),
          mime   TEXT NOT NULL,
          bytes  BLOB NOT NULL,
          size   INTEGER NOT NULL CHECK (size = length(bytes)),
          source TEXT
        ) STRICT;

        CREATE TABLE document_assets (
          document_id TEXT NOT NULL REFERENCES documents(id),
          asset_id    TEXT NOT NULL REFERENCES assets(id),
          PRIMARY KEY (document_id, asset_id)
        ) STRICT, WITHOUT ROWID;

        -- Each document's text folded and whitespace-collapsed (foldForMatching) at build time:
        -- phrase checks search it with instr() in SQL instead of folding texts per query.
        CREATE TABLE folded_texts (
          document_id TEXT PRIMARY KEY REFERENCES documents(id),
          folded      TEXT NOT NULL
        ) STRICT;

        -- The Lunr index in the form of search/compact-index.ts: strings as text, numbers as
        -- little-endian Int32/Float64 arrays (no JSON to parse when the archive opens).
        CREATE TABLE search_index (
          id             INTEGER PRIMARY KEY CHECK (id = 1),
          analyzer       TEXT NOT NULL,
          header         TEXT NOT NULL,
          refs           TEXT NOT NULL,
          terms          TEXT NOT NULL,
          posting_starts BLOB NOT NULL,
          postings       BLOB NOT NULL,
          vector_starts  BLOB NOT NULL,
          vectors        BLOB NOT NULL,
          token_set      BLOB NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    // Search index lunr-compact-4 (search/compact-index.ts): per-term postings that carry the
    // documents' scores, one row per term read when a query needs it, instead of postings +
    // field vectors read whole at open; and word positions for phrases (phrase_positions).
    version: 2,
    up(db) {
      db.exec(`
        DROP TABLE search_index;
        CREATE TABLE search_index (
          id         INTEGER PRIMARY KEY CHECK (id = 1),
          analyzer   TEXT NOT NULL,
          header     TEXT NOT NULL,
          refs       TEXT NOT NULL,
          terms      TEXT NOT NULL,
          term_order BLOB NOT NULL,
          token_set  BLOB NOT NULL,
          -- Every document's summary (the documents table's columns the searcher keeps in memory),
          -- as one JSON array in id order: one parse at open instead of a row and three parses each.
          summaries  TEXT NOT NULL CHECK (json_type(summaries) = 'array')
        ) STRICT;

        -- term = position in search_index.terms; data = little-endian Int32 (see compact-index.ts).
        CREATE TABLE search_postings (
          term INTEGER PRIMARY KEY,
          data BLOB NOT NULL
        ) STRICT;

        -- Per folded word form, where it occurs (search/phrase-positions.ts): documents by their
        -- position in id order, word positions in their folded text. Phrases are checked here.
        CREATE TABLE phrase_positions (
          word TEXT PRIMARY KEY,
          data BLOB NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    // Stem-then-fold analysis, and the vocabulary of folded word forms (search/word-forms.ts):
    // prefix and wildcard clauses, exact-form ranking, accent-free queries and fuzzy matching.
    // A corpus of version 2 is refused with "rebuild" (its terms were stemmed after folding).
    // search_catalog: what the searcher needs of every document, as little-endian Int32 arrays by
    // position in id order (search/search-catalog.ts); opening reads it instead of every summary.
    // documents.extra: front-matter fields no app field maps (DocumentRecord.extra,
    // import/field-mapping.ts), one JSON object per document (NULL when none); a column, not a
    // table, so the schema stays on page 1.
    // (No SQL comments here: SQLite stores them in the schema, whose first page must hold it all.)
    version: 3,
    up(db) {
      db.exec(`
        ALTER TABLE documents ADD COLUMN extra TEXT CHECK (json_type(extra) = 'object');
        CREATE TABLE word_forms (
          form  TEXT PRIMARY KEY,
          terms TEXT NOT NULL,
          df    INTEGER NOT NULL CHECK (df > 0),
          docs  BLOB NOT NULL
        ) STRICT;
        CREATE TABLE search_catalog (
          id           INTEGER PRIMARY KEY CHECK (id = 1),
          facets       TEXT NOT NULL CHECK (json_type(facets) = 'object'),
          date_rank    BLOB NOT NULL,
          dates        BLOB NOT NULL,
          facet_starts BLOB NOT NULL,
          facet_ids    BLOB NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    // Compressed storage (store/document-blocks.ts): a document's text and HTML live in brotli
    // blocks of several documents (document_blocks), found by block id, byte offset and length.
    // folded_texts is gone (phrase checks fold the few texts they verify on the fly), and
    // search_postings and phrase_positions hold varints (search/varint.ts) instead of Int32.
    // search_index.summaries is dropped: nothing reads it since search_catalog (version 3), and
    // it repeated every document's metadata (4 MB at 10,000 documents).
    // A corpus of version 3 is refused with "rebuild". (No SQL comments: see version 3.)
    version: 4,
    up(db) {
      db.exec(`
        DROP TABLE folded_texts;
        ALTER TABLE search_index DROP COLUMN summaries;
        ALTER TABLE documents DROP COLUMN text;
        ALTER TABLE documents DROP COLUMN html;
        ALTER TABLE documents ADD COLUMN text_block INTEGER NOT NULL DEFAULT -1 CHECK (text_block >= 0);
        ALTER TABLE documents ADD COLUMN text_offset INTEGER NOT NULL DEFAULT -1 CHECK (text_offset >= 0);
        ALTER TABLE documents ADD COLUMN text_length INTEGER NOT NULL DEFAULT -1 CHECK (text_length >= 0);
        ALTER TABLE documents ADD COLUMN html_block INTEGER NOT NULL DEFAULT -1 CHECK (html_block >= 0);
        ALTER TABLE documents ADD COLUMN html_offset INTEGER NOT NULL DEFAULT -1 CHECK (html_offset >= 0);
        ALTER TABLE documents ADD COLUMN html_length INTEGER NOT NULL DEFAULT -1 CHECK (html_length >= 0);
        CREATE TABLE document_blocks (
          id   INTEGER PRIMARY KEY,
          data BLOB NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    // Smaller archives (issue 23): document_facets and its index are gone (nothing read them; the
    // searcher counts and filters facets from search_catalog), and phrase_positions lists drop
    // their per-document counts (search/phrase-positions.ts: the last position of a document is
    // flagged instead). A corpus of version 4 is refused with "rebuild". (No SQL comments: see version 3.)
    version: 5,
    up(db) {
      db.exec(`
        DROP TABLE document_facets;
      `);
    },
  },
  {
    // Postings of term frequencies (search/compact-index.ts, lunr-compact-6): scores are computed
    // when a posting is read (search/posting-scores.ts) from the frequency, the document's field
    // length (search_index.field_lengths) and the header's averages, instead of stored × 1000.
    // phrase_positions rows are numbered by their word's place in phrase_words, one packed sorted
    // list (store/phrase-word-list.ts), instead of keyed by the word (stored twice with its index).
    // documents.sha256 holds the 32 bytes instead of 64 hex digits.
    // A corpus of version 5 is refused with "rebuild". (No SQL comments: see version 3.)
    version: 6,
    up(db) {
      db.exec(`
        ALTER TABLE search_index ADD COLUMN field_lengths BLOB NOT NULL DEFAULT x'';
        ALTER TABLE documents DROP COLUMN sha256;
        ALTER TABLE documents ADD COLUMN sha256 BLOB NOT NULL DEFAULT x'' CHECK (length(sha256) = 32);
        DROP TABLE phrase_positions;
        CREATE TABLE phrase_positions (
          id   INTEGER PRIMARY KEY,
          data BLOB NOT NULL
        ) STRICT;
        CREATE TABLE phrase_words (
          id    INTEGER PRIMARY KEY CHECK (id = 1),
          words BLOB NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    // Field lengths stored fixed-width instead of as varints (search/compact-index.ts,
    // lunr-compact-7), so a fresh server's first search copies them instead of decoding them; the
    // tables are unchanged. A corpus of version 6 is refused with "rebuild".
    version: 7,
    up() {
      // Nothing to change in the tables: the build writes the new encoding.
    },
  },
];

export const CORPUS_SCHEMA_VERSION = CORPUS_MIGRATIONS.length;
