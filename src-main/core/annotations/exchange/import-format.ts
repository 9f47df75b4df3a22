import { CSV_COLUMNS, CSV_COLUMNS_WITHOUT_COLLECTIONS } from './csv-export';

/**
 * What kind of file an import was handed, from its first characters: the two formats the app
 * reads back (W3C JSON, its own CSV export), and the ones it recognises only to refuse them
 * with a sentence that says so (its Markdown export, a SQLite database such as a backup).
 */
export type ImportFormat = 'json' | 'csv' | 'markdown' | 'sqlite' | 'unknown';

export const CSV_HEADER = CSV_COLUMNS.join(',');
/** A CSV exported before the collections column existed. */
const OLDER_CSV_HEADER = CSV_COLUMNS_WITHOUT_COLLECTIONS.join(',');

export function detectImportFormat(text: string): ImportFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  if (start.startsWith('SQLite format 3')) return 'sqlite';
  const firstLine = start.slice(0, start.search(/\r?\n|$/));
  if (firstLine === CSV_HEADER || firstLine === OLDER_CSV_HEADER) return 'csv';
  if (/^#{1,6} /.test(start) || /^> /m.test(start.slice(0, 4000))) return 'markdown';
  return 'unknown';
}

/** The `code` an import refusal carries, so the page can word it in the user's language. */
export const UNSUPPORTED_IMPORT_CODE = 'unsupported-import-format';

/** English (for logs and the CLI); the page shows its own translation of the same sentence. */
export function unsupportedImportMessage(format: Exclude<ImportFormat, 'json' | 'csv'>): string {
  const what =
    format === 'markdown'
      ? 'a Markdown export, which is meant for reading and cannot be imported'
      : format === 'sqlite'
        ? 'a SQLite database (a backup is restored from the backups list, not imported)'
        : 'not an annotation file';
  return `This file is ${what}. Files that can be imported: the JSON-LD (W3C Web Annotation) or CSV export of this app.`;
}
