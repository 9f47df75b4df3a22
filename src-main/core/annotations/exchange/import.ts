import { readFileSync, statSync } from 'node:fs';
import type { Annotation, AnnotationColour, AnnotationMotivation, ImportSummary } from '../../../common/annotations';
import { ANNOTATION_COLOURS } from '../../../common/annotations';
import { ApiError } from '../../../common/errors';
import type { DocumentRecord } from '../../../common/types';
import type { UserData } from '../../userdata/user-data';
import { describe as describeSpan, SelectorRangeError } from '../anchoring/describe';
import type { DocumentSource } from '../document-source';
import { placeAnnotation } from '../reanchor';
import { checkNote, checkTags } from '../validate';
import { mergeKeptLists, readKeptLists, type KeptLists } from './collections-exchange';
import { describeItemIssue, importedAnnotationSchema, itemsOf, type ImportedAnnotationJson } from './import-schema';
import { documentIdFromSource, uuidFromHash, uuidFromIri } from './iri';
import { readCsvImport } from './csv-import';
import { detectImportFormat, UNSUPPORTED_IMPORT_CODE, unsupportedImportMessage } from './import-format';
import { decodeImportBytes, ImportFormatError, MAX_IMPORT_BYTES, parseImportJson } from './safe-json';
import { isOneOf, isRecord } from '../../../common/guards';

/**
 * Imports annotations from this app's JSON-LD export or any W3C Web Annotation JSON whose
 * targets name documents of this archive (`urn:archivo:doc:<id>` or the bare id).
 *
 * ALL OR NOTHING: every item is parsed, validated and anchored BEFORE the one write
 * transaction starts; the first problem throws an `ApiError('InvalidArgument')` naming the item
 * and field, and the database is not touched. Merge by annotation id: a new id is added; a
 * known id is replaced only when the file's `modified` is newer (so re-importing the same file
 * changes nothing). Imported annotations are re-anchored in the current text; an annotation
 * whose passage is gone is stored as orphaned, never dropped.
 *
 * Ids: `urn:uuid:<uuid>` keeps its UUID. Any other id (another tool's IRI), or none, gets a
 * UUID derived from a SHA-256 of that id (or of the item's JSON), so re-importing is stable.
 * Times: missing `created`/`modified` take the import time for a new annotation and never
 * count as "newer" for a known one.
 */
export function importAnnotations(
  userData: UserData,
  archive: DocumentSource,
  json: string,
  now: Date = new Date(),
): ImportSummary {
  let prepared: Array<{ annotation: Annotation; hasModified: boolean }>;
  let keptLists: KeptLists;
  try {
    const file = itemsOfFile(json);
    const items = file.items;
    keptLists = file.keptLists;
    const documents = new Map<string, DocumentRecord | null>();
    const lookup = (id: string): DocumentRecord | null => {
      if (!documents.has(id)) documents.set(id, archive.getDocument(id));
      return documents.get(id) ?? null;
    };
    prepared = items.map((item, index) => prepareItem(item, index, lookup, now));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('InvalidArgument', error instanceof Error ? error.message : String(error));
  }

  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, orphaned: 0 };
  userData.annotations.transaction(() => {
    for (const { annotation, hasModified } of prepared) {
      const existing = userData.annotations.get(annotation.id);
      if (existing === null) {
        userData.annotations.insert(annotation);
        summary.added += 1;
      } else if (hasModified && annotation.modified > existing.modified) {
        userData.annotations.replace(annotation);
        summary.updated += 1;
      } else {
        summary.unchanged += 1;
        continue;
      }
      if (annotation.state === 'orphaned') summary.orphaned += 1;
    }
    // Collections and saved searches come in the same transaction: all of the file or none of it.
    mergeKeptLists(userData, keptLists);
  });
  return summary;
}

/** Reads a file (refusing > 20 MB before reading it) and imports it. */
export function importAnnotationsFile(
  userData: UserData,
  archive: DocumentSource,
  file: string,
  now: Date = new Date(),
): ImportSummary {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_IMPORT_BYTES) {
      throw new ImportFormatError(
        `The file is ${size} bytes; annotation files are limited to ${MAX_IMPORT_BYTES} bytes (20 MB)`,
      );
    }
    const bytes = readFileSync(file);
    // A database (a backup, the notes file itself) is named as such, not as "not UTF-8".
    if (Buffer.from(bytes.subarray(0, 16)).toString('latin1') === 'SQLite format 3\0') {
      throw new ApiError(
        'InvalidArgument',
        `${file}: ${unsupportedImportMessage('sqlite')}`,
        `${UNSUPPORTED_IMPORT_CODE}:sqlite`,
      );
    }
    text = decodeImportBytes(bytes);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError('InvalidArgument', `${file}: ${reason}`);
  }
  return importAnnotations(userData, archive, text, now);
}

function prepareItem(
  item: unknown,
  index: number,
  lookup: (id: string) => DocumentRecord | null,
  now: Date,
): { annotation: Annotation; hasModified: boolean } {
  const where = `items[${index}]`;
  const parsed = importedAnnotationSchema.safeParse(item);
  if (!parsed.success) throw new ApiError('InvalidArgument', describeItemIssue(index, parsed.error));
  const data = parsed.data;

  const target = Array.isArray(data.target) ? data.target[0] : data.target;
  if (target === undefined) throw new ApiError('InvalidArgument', `${where}.target: missing`);
  // The document IRI, bare or as the source resource's id (this app's export describes it).
  const source =
    typeof target === 'string' ? target : typeof target.source === 'string' ? target.source : target.source.id;
  const documentId = documentIdFromSource(source);
  if (documentId === null) {
    throw new ApiError(
      'InvalidArgument',
      `${where}.target.source: "${source.slice(0, 80)}" does not name a document of this archive (expected urn:archivo:doc:<id>)`,
    );
  }
  const document = lookup(documentId);
  if (document === null)
    throw new ApiError('InvalidArgument', `${where}.target.source: no document "${documentId}" in this archive`);

  const selectors = typeof target === 'string' || target.selector === undefined ? [] : [target.selector].flat();
  const quote = selectors.find(
    (s): s is Extract<typeof s, { type: 'TextQuoteSelector' }> => s.type === 'TextQuoteSelector',
  );
  const position = selectors.find(
    (s): s is Extract<typeof s, { type: 'TextPositionSelector' }> => s.type === 'TextPositionSelector',
  );
  if (selectors.length > 0 && !quote && !position) {
    throw new ApiError(
      'InvalidArgument',
      `${where}.target.selector: has neither a TextQuoteSelector nor a TextPositionSelector`,
    );
  }
  if (position && position.end <= position.start) {
    throw new ApiError(
      'InvalidArgument',
      `${where}.target.selector: TextPositionSelector ${position.start}..${position.end} is empty or reversed`,
    );
  }
  const storedSha256 = isRecord(item) ? item['archivo:documentSha256'] : undefined;
  const sameText = storedSha256 === document.sha256;
  if (position && position.end > document.text.length && (!quote || sameText)) {
    throw new ApiError(
      'InvalidArgument',
      `${where}.target.selector: TextPositionSelector ${position.start}..${position.end} is outside the document text (length ${document.text.length})`,
    );
  }

  const notes: string[] = [];
  const tags: string[] = [];
  if (data.bodyValue !== undefined) notes.push(data.bodyValue);
  for (const body of data.body === undefined ? [] : [data.body].flat()) {
    if (body.purpose === 'tagging') tags.push(body.value);
    else notes.push(body.value);
  }
  const note = checkNote(notes.join('\n\n'), `${where}.body (note)`);
  const checkedTags = checkTags(tags, `${where}.body (tags)`);

  const time = now.toISOString();
  const created = normaliseTime(data.created) ?? normaliseTime(data.modified) ?? time;
  const modified = normaliseTime(data.modified) ?? created;
  const base: Annotation = {
    id: idFor(data.id, item),
    created,
    modified,
    motivation: motivationOf(data, note, checkedTags, quote !== undefined || position !== undefined),
    documentId,
    documentSha256: typeof storedSha256 === 'string' ? storedSha256 : '',
    target: null,
    originalQuote: data['archivo:originalQuote'] ?? null,
    note,
    tags: checkedTags,
    colour: colourOf(typeof target === 'string' ? undefined : target.styleClass),
    state: 'anchored',
    similarity: 1,
  };

  let annotation: Annotation;
  if (quote) {
    // Anchored from the quote (with the position as a hint): the file may come from another
    // version of the document, and the quote is what the reader actually highlighted.
    const described = {
      quote: {
        type: 'TextQuoteSelector' as const,
        exact: quote.exact,
        prefix: quote.prefix ?? '',
        suffix: quote.suffix ?? '',
      },
      position: { type: 'TextPositionSelector' as const, start: position?.start ?? 0, end: position?.end ?? 0 },
    };
    const placed = placeAnnotation({ ...base, documentSha256: '', target: described }, document);
    // Without a stored position, "moved" would only mean "we had no position": report anchored.
    annotation =
      !position && placed.state === 'moved' && placed.similarity === 1 ? { ...placed, state: 'anchored' } : placed;
  } else if (position) {
    try {
      annotation = {
        ...base,
        documentSha256: document.sha256,
        target: describeSpan(document.text, position.start, position.end),
      };
    } catch (error) {
      if (error instanceof SelectorRangeError)
        throw new ApiError('InvalidArgument', `${where}.target.selector: ${error.message}`);
      throw error;
    }
  } else {
    annotation = { ...base, documentSha256: document.sha256 };
  }
  return { annotation, hasModified: data.modified !== undefined };
}

/** The annotation items of a JSON or CSV file; any other file is refused, saying which formats can be imported. */
/** The annotations of an export, and the collections and saved searches a JSON-LD one carries. */
function itemsOfFile(text: string): { items: unknown[]; keptLists: KeptLists } {
  const format = detectImportFormat(text);
  if (format === 'json') {
    const parsed = parseImportJson(text);
    return { items: itemsOf(parsed), keptLists: readKeptLists(parsed) };
  }
  if (format === 'csv') {
    const { items, memberships } = readCsvImport(text);
    return { items, keptLists: { ...readKeptLists(null), memberships } };
  }
  throw new ApiError('InvalidArgument', unsupportedImportMessage(format), `${UNSUPPORTED_IMPORT_CODE}:${format}`);
}

function normaliseTime(value: string | undefined): string | null {
  return value === undefined ? null : new Date(value).toISOString();
}

function idFor(id: string | undefined, item: unknown): string {
  if (id !== undefined) {
    const uuid = uuidFromIri(id);
    if (uuid) return uuid;
  }
  return uuidFromHash(id ?? JSON.stringify(item));
}

function motivationOf(
  data: ImportedAnnotationJson,
  note: string,
  tags: string[],
  hasSelector: boolean,
): AnnotationMotivation {
  const given = [data.motivation ?? []].flat();
  for (const motivation of given) {
    if (motivation === 'highlighting' || motivation === 'commenting' || motivation === 'tagging') return motivation;
  }
  if (note !== '' || !hasSelector) return 'commenting';
  return tags.length > 0 ? 'tagging' : 'highlighting';
}

/** Our colours travel as `styleClass`; another tool's style class falls back to yellow. */
function colourOf(styleClass: string | undefined): AnnotationColour {
  return isOneOf(ANNOTATION_COLOURS, styleClass) ? styleClass : 'yellow';
}
