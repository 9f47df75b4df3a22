import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS } from './csv-export';
import { annotationIri, documentIri } from './iri';
import { recordOf } from '../../../common/guards';

type CsvColumn = (typeof CSV_COLUMNS)[number];
type CsvRow = Record<CsvColumn, string>;

/**
 * This app's CSV export read back as W3C Web Annotation items, which then go through the same
 * validation, anchoring and all-or-nothing write as a JSON-LD import. The CSV carries the quote
 * and its position (no prefix/suffix): the passage is found again from them. Cells the export
 * protected from spreadsheets (a leading apostrophe before = + - @) get their text back.
 */
export function csvToAnnotationItems(text: string): unknown[] {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true });
  } catch (error) {
    throw new Error(`The CSV file is damaged: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const [header, ...records] = rows;
  if (header?.join(',') !== CSV_COLUMNS.join(','))
    throw new Error(`The CSV file does not start with this app's header (${CSV_COLUMNS.join(',')})`);
  return records.map((cells, index) => toItem(rowOf(cells), index + 2));
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
