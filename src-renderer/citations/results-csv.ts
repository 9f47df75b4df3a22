import type { CslDate, CslItem, CslName } from './csl-item';

export const RESULTS_CSV_COLUMNS = ['id', 'type', 'title', 'date', 'authors', 'place', 'archive', 'permalink'] as const;

/**
 * A result list as RFC 4180 CSV (CRLF line ends, quoted where needed), with the same
 * spreadsheet guard as the notes export (core/annotations/exchange/csv-export.ts): a cell that
 * begins with = + - @ (or a tab/CR) gets a leading apostrophe and stays text, never a formula.
 */
export function resultsCsv(items: readonly CslItem[]): string {
  const rows: string[][] = [[...RESULTS_CSV_COLUMNS]];
  for (const item of items) {
    rows.push([
      item.id,
      item.type,
      item.title,
      dateText(item.issued),
      (item.author ?? []).map(nameText).join('; '),
      item['publisher-place'] ?? '',
      item.archive,
      item.URL,
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function dateText(date: CslDate | undefined): string {
  if (!date) return '';
  return date['date-parts'][0]
    .filter((part): part is number => part !== undefined)
    .map((part, index) => (index === 0 ? String(part) : String(part).padStart(2, '0')))
    .join('-');
}

function nameText(name: CslName): string {
  return name.literal ?? [name.family, name.given].filter(Boolean).join(', ');
}
