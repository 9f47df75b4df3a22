import type { DocumentRecord } from '../common/types';
import { CliFailure, EXIT_OK } from './cli-failure';
import type { CliIo } from './cli-io';
import { openArchiveForCli } from './open-database';

/** `corpus show`: one stored document; `--json` prints the whole record. */
export function runShow(databasePath: string, id: string, options: { json?: boolean }, io: CliIo): number {
  const archive = openArchiveForCli(databasePath);
  let document: DocumentRecord | null;
  try {
    document = archive.getDocument(id);
  } finally {
    archive.close();
  }
  if (!document) throw new CliFailure(`no document with id ${id} in ${databasePath}`);
  io.stdout.write(options.json ? `${JSON.stringify(toJsonShape(document), null, 2)}\n` : formatForPeople(document));
  return EXIT_OK;
}

/** The documented `show --json` keys, in their documented order (the record holds more). */
const SHOW_JSON_KEYS = [
  'id',
  'type',
  'title',
  'date',
  'place',
  'authors',
  'signatories',
  'addressee',
  'category',
  'tags',
  'description',
  'source',
  'sha256',
  'words',
  'html',
  'text',
] as const satisfies readonly (keyof DocumentRecord)[];

/** The documented `show --json` shape: only those keys, in that order. */
function toJsonShape(document: DocumentRecord): object {
  return Object.fromEntries(SHOW_JSON_KEYS.map((key) => [key, document[key]]));
}

function formatForPeople(document: DocumentRecord): string {
  const rows: Array<[string, string | null]> = [
    ['Type', document.type],
    ['Date', document.date ?? 'undated'],
    ['Place', document.place],
    ['Authors', document.authors.join(', ') || null],
    ['Addressee', document.addressee],
    ['Signatories', document.signatories.join('; ') || null],
    ['Category', document.category],
    ['Tags', document.tags.join(', ') || null],
    ['Description', document.description],
    ['Source', document.source],
    ['Words', String(document.words)],
    ['Id', document.id],
  ];
  const header = rows
    .filter((row): row is [string, string] => row[1] !== null)
    .map(([label, value]) => `${label.padEnd(12)}${value}`);
  return `${document.title}\n${'='.repeat(Math.min(document.title.length, 80))}\n${header.join('\n')}\n\n${document.text}\n`;
}
