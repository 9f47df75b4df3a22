import type { DocumentSummary, FacetName } from '../../common/types';
import { FACET_NAMES } from '../../common/types';
import { facetValues } from '../store/facet-values';
import { FacetTable, type StoredFacetTable } from './facet-table';
import { spanishCollator } from './spanish-collator';

/**
 * What the searcher needs of every document to filter, count facets and sort, as typed arrays
 * computed at build time (table `search_catalog`), indexed by the document's position in id
 * order (the index's refs).
 *
 * Why: opening an archive parsed every document's summary (one JSON array), sorted them by date
 * with a collator and numbered their facet values: 95% of opening 10,000 documents, and it grew
 * with the corpus. Read from these arrays, opening is a handful of blob reads; summaries are read
 * per hit of the page shown.
 */
export interface SearchCatalog {
  documentCount: number;
  /** Position of each document in the date order (newest first, undated last, ties by title, then id). */
  dateRank: Int32Array;
  /** Documents in date order (the inverse of `dateRank`). */
  byDate: Int32Array;
  /** Each document's date as the number YYYYMMDD, 0 when undated. */
  dates: Int32Array;
  /** Each document's flattened facet value ids (FacetTable.flatten): `facetIds[facetStarts[d] .. facetStarts[d + 1])`. */
  facetStarts: Int32Array;
  facetIds: Int32Array;
  facets: FacetTable;
}

/** The stored form (search_catalog row). */
export interface StoredCatalog {
  facets: string;
  dateRank: Buffer;
  dates: Buffer;
  facetStarts: Buffer;
  facetIds: Buffer;
}

/** What the date order reads of a document. */
type DateOrderKey = Pick<DocumentSummary, 'date' | 'title' | 'id'>;

/** What the catalog reads of a document: its date order and its facet values. */
export type CatalogEntry = DateOrderKey &
  Pick<DocumentSummary, 'type' | 'category' | 'tags' | 'authors' | 'signatories'>;

/** Newest first, undated last, ties by title, then id (a total order: stable pages). */
export function compareByDate(a: DateOrderKey, b: DateOrderKey): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return spanishCollator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The catalog of documents given in id order (their positions are the index's refs). Entries are
 * read once, in turn, and only their date-order key and facet values are kept: a build passes the
 * documents table's rows as they are read instead of every summary at once (at 100,000 documents
 * those summaries, descriptions and all, were a large part of the build's finish).
 */
export function buildCatalog(entries: Iterable<CatalogEntry>): StoredCatalog {
  const values: Array<Record<FacetName, string[]>> = [];
  const keys: DateOrderKey[] = [];
  // Each row brings its own copy of a tag or author that thousands of documents share: one is kept.
  const interned = new Map<string, string>();
  const intern = (value: string): string => {
    const kept = interned.get(value);
    if (kept !== undefined) return kept;
    interned.set(value, value);
    return value;
  };
  for (const entry of entries) {
    const facetsOfEntry = facetValues(entry);
    for (const name of FACET_NAMES) facetsOfEntry[name] = facetsOfEntry[name].map(intern);
    values.push(facetsOfEntry);
    keys.push({ date: entry.date, title: entry.title, id: entry.id });
  }
  const facets = FacetTable.fromDocuments(values);
  const order = keys
    .map((key, doc) => ({ key, doc }))
    .sort((a, b) => compareByDate(a.key, b.key))
    .map(({ doc }) => doc);
  const dateRank = new Int32Array(keys.length);
  order.forEach((doc, rank) => {
    dateRank[doc] = rank;
  });
  const dates = Int32Array.from(keys, (key) => dateNumber(key.date) ?? 0);
  const facetStarts = new Int32Array(keys.length + 1);
  const ids: number[] = [];
  values.forEach((facetsOfDocument, doc) => {
    for (const id of facets.flatten(facets.idsOf(facetsOfDocument))) ids.push(id);
    facetStarts[doc + 1] = ids.length;
  });
  return {
    facets: JSON.stringify(facets.stored()),
    dateRank: bytes(dateRank),
    dates: bytes(dates),
    facetStarts: bytes(facetStarts),
    facetIds: bytes(Int32Array.from(ids)),
  };
}

/**
 * The catalog as read at open: the arrays are views of the stored blobs where their bytes are
 * aligned (no copy), and the date order's inverse (`byDate`, used by listings) is built and
 * checked on first use. At 100,000 documents copying four arrays and inverting the date order at
 * every open cost a few ms that grew with the corpus; the length checks stay at open.
 */
export function loadCatalog(stored: StoredCatalog, documentCount: number): SearchCatalog {
  const dateRank = toInt32(stored.dateRank);
  const dates = toInt32(stored.dates);
  const facetStarts = toInt32(stored.facetStarts);
  const facetIds = toInt32(stored.facetIds);
  const table = JSON.parse(stored.facets) as StoredFacetTable;
  if (
    dateRank.length !== documentCount ||
    dates.length !== documentCount ||
    facetStarts.length !== documentCount + 1 ||
    facetStarts[documentCount] !== facetIds.length ||
    FACET_NAMES.some((name) => !Array.isArray(table.labels[name]))
  ) {
    throw new Error('the stored search catalog does not match the documents; rebuild the corpus');
  }
  let byDate: Int32Array | null = null;
  return {
    documentCount,
    dateRank,
    get byDate(): Int32Array {
      byDate ??= invertDateRank(dateRank);
      return byDate;
    },
    dates,
    facetStarts,
    facetIds,
    facets: FacetTable.restore(table),
  };
}

/** Documents in date order from each document's rank, checked to be a permutation. */
function invertDateRank(dateRank: Int32Array): Int32Array {
  const documentCount = dateRank.length;
  const byDate = new Int32Array(documentCount).fill(-1);
  for (let doc = 0; doc < documentCount; doc += 1) {
    const rank = dateRank[doc] ?? 0;
    if (rank < 0 || rank >= documentCount || byDate[rank] !== -1) {
      throw new Error('the stored search catalog has an inconsistent date order; rebuild the corpus');
    }
    byDate[rank] = doc;
  }
  return byDate;
}

/** `2017-05-23` → 20170523; null for no date. */
export function dateNumber(date: string | null): number | null {
  if (date === null) return null;
  const number = Number(date.replace(/-/g, ''));
  return Number.isInteger(number) ? number : null;
}

function bytes(array: Int32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * The blob as Int32 numbers (little-endian like the index's): a view when its bytes are aligned
 * (SQLite's blobs of a few kB or more arrive in buffers of their own), else a copy.
 */
function toInt32(blob: Buffer): Int32Array {
  if (blob.byteLength % 4 !== 0) throw new Error('the stored search catalog is truncated; rebuild the corpus');
  if (blob.byteOffset % 4 === 0) return new Int32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4);
  const array = new Int32Array(blob.byteLength / 4);
  new Uint8Array(array.buffer).set(blob);
  return array;
}
