/**
 * Size limits every transport enforces at its boundary and the core enforces again. Kept here,
 * in the folder that imports nothing, so the method table's schemas and the core share one value.
 */

/** Longest search query accepted; longer ones are cut by the searcher with a notice. */
export const MAX_QUERY_LENGTH = 100_000;

/** An annotation's note, in characters. */
export const MAX_NOTE_LENGTH = 100_000;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;
/** Longest annotation search (the notes' own search box). */
export const MAX_NOTES_QUERY_LENGTH = 1_000;
/** Most annotations one search or export returns. */
export const MAX_SEARCH_LIMIT = 10_000;
/** An imported JSON-LD annotation file, in bytes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Longest URL the Electron shell will offer to open in the system browser. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;
