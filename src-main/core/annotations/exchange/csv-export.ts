import type { AnnotatedDocumentInfo, Annotation } from '../../../common/annotations';

export const CSV_COLUMNS = [
  'id',
  'document_id',
  'document_title',
  'document_date',
  'state',
  'motivation',
  'colour',
  'tags',
  'quote',
  'note',
  'start',
  'end',
  'original_quote',
  'created',
  'modified',
  'collections',
] as const;

/** The header before the collections column was added: such files still import. */
export const CSV_COLUMNS_WITHOUT_COLLECTIONS = CSV_COLUMNS.slice(0, -1);

/**
 * Collection names in one cell, one per line: a name may hold commas or semicolons, and a
 * spreadsheet shows a cell's lines one under another.
 */
export const COLLECTION_NAME_SEPARATOR = '\n';

/**
 * RFC 4180 CSV: CRLF line ends, every field quoted when it holds a comma, quote, CR or LF,
 * inner quotes doubled. Safe to open in a spreadsheet: a cell that begins with = + - @ (or a
 * tab/CR, which some spreadsheets skip before reading a formula) gets a leading apostrophe,
 * so a note like `=HYPERLINK(...)` stays text instead of becoming a live formula. The last
 * column names the collections holding the note's document (the full lists travel in JSON-LD).
 */
export function exportCsv(
  annotations: readonly Annotation[],
  documentInfo: (documentId: string) => AnnotatedDocumentInfo | null,
  collectionsOf: (documentId: string) => readonly string[] = () => [],
): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const annotation of annotations) {
    const document = documentInfo(annotation.documentId);
    rows.push([
      annotation.id,
      annotation.documentId,
      document?.title ?? '',
      document?.date ?? '',
      annotation.state,
      annotation.motivation,
      annotation.colour,
      annotation.tags.join('; '),
      annotation.target?.quote.exact ?? '',
      annotation.note,
      annotation.target ? String(annotation.target.position.start) : '',
      annotation.target ? String(annotation.target.position.end) : '',
      annotation.originalQuote ?? '',
      annotation.created,
      annotation.modified,
      collectionsOf(annotation.documentId).join(COLLECTION_NAME_SEPARATOR),
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
