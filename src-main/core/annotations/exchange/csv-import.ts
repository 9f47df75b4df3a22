import { parse } from 'csv-parse/sync';
import { collectionNameSchema } from '../../../common/collections';
import { COLLECTION_NAME_SEPARATOR, CSV_COLUMNS, CSV_COLUMNS_WITHOUT_COLLECTIONS } from './csv-export';
import type { CollectionMembership } from './collections-exchange';
import { annotationIri, documentIri } from './iri';
import { recordOf } from '../../../common/guards';

type CsvColumn = (typeof CSV_COLUMNS)[number];
type CsvRow = Record<CsvColumn, string>;

export interface CsvImport {
  items: unknown[];
  /** Which documents go into which collections, by name (the collections column). */
  memberships: CollectionMembership[];
}

/**
 * This app's CSV export read back as W3C Web Annotation items, which then go through the same
 * validation, anchoring and all-or-nothing write as a JSON-LD import. The CSV carries the quote
 * and its position (no prefix/suffix): the passage is found again from them. Cells the export
 * protected from spreadsheets (a leading apostrophe before = + - @) get their text back.
 * The collections column (absent from files exported before it existed) puts each note's
 * document into the collections it names, matched by name and created when missing.
 */
export function readCsvImport(text: string): CsvImport {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true });
  } catch (error) {
    throw new Error(`The CSV file is damaged: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const [header, ...records] = rows;
  const headerLine = header?.join(',');
  if (headerLine !== CSV_COLUMNS.join(',') && headerLine !== CSV_COLUMNS_WITHOUT_COLLECTIONS.join(','))
    throw new Error(`The CSV file does not start with this app's header (${CSV_COLUMNS.join(',')})`);
  const parsedRows = records.map((cells) => rowOf(cells));
  return {
    items: parsedRows.map((row, index) => toItem(row, index + 2)),
    memberships: membershipsOf(parsedRows),
  };
}

/** The collections column of every row, grouped by collection name (first appearance first). */
function membershipsOf(rows: readonly CsvRow[]): CollectionMembership[] {
  const byName = new Map<string, Set<string>>();
  rows.forEach((row, index) => {
    for (const cell of row.collections.split(COLLECTION_NAME_SEPARATOR)) {
      if (cell.trim() === '') continue;
      const name = collectionNameSchema.safeParse(cell);
      if (!name.success)
        throw new Error(
          `CSV line ${index + 2}, collections: "${cell.slice(0, 40)}": ${name.error.issues[0]?.message ?? 'invalid'}`,
        );
      const documents = byName.get(name.data) ?? new Set<string>();
      documents.add(row.document_id);
      byName.set(name.data, documents);
    }
  });
  return [...byName].map(([name, documents]) => ({ name, documentIds: [...documents] }));
}

function rowOf(cells: string[]): CsvRow {
  return recordOf(CSV_COLUMNS, (_column, index) => unprotect(cells[index] ?? ''));
}

/** Undoes csvField's spreadsheet guard: `'=SUM(…)` was `=SUM(…)`. */
function unprotect(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function toItem(row: CsvRow, line: number): unknown {
  const body: Array<{ type: 'TextualBody'; value: string; purpose: string }> = [];
  if (row.note !== '') body.push({ type: 'TextualBody', value: row.note, purpose: 'commenting' });
  for (const tag of row.tags.split('; ').filter((value) => value !== ''))
    body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  const position =
    row.start !== '' && row.end !== ''
      ? [
          {
            type: 'TextPositionSelector',
            start: numberOf(row.start, line, 'start'),
            end: numberOf(row.end, line, 'end'),
          },
        ]
      : [];
  const quote = row.quote !== '' ? [{ type: 'TextQuoteSelector', exact: row.quote }] : [];
  const selector = [...quote, ...position];
  return {
    id: annotationIri(row.id),
    type: 'Annotation',
    motivation: row.motivation,
    created: row.created,
    modified: row.modified,
    ...(body.length > 0 ? { body } : {}),
    target: {
      source: documentIri(row.document_id),
      styleClass: row.colour,
      ...(selector.length > 0 ? { selector } : {}),
    },
    ...(row.original_quote !== '' ? { 'archivo:originalQuote': row.original_quote } : {}),
  };
}

function numberOf(cell: string, line: number, column: string): number {
  const value = Number(cell);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`CSV line ${line}, ${column}: "${cell}" is not a position`);
  return value;
}
