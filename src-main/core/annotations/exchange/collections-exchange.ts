import * as z from 'zod';
import type { Collection, SavedSearch } from '../../../common/collections';
import { collectionIdSchema, collectionNameSchema, MAX_SEARCH_PARAMS_LENGTH } from '../../../common/collections';
import { documentIdSchema } from '../../../common/api-schemas';
import { ApiError } from '../../../common/errors';
import type { UserData } from '../../userdata/user-data';
import { isRecord } from '../../../common/guards';

/**
 * The user's collections and saved searches travel inside the JSON-LD export, as two properties
 * of the AnnotationCollection in the app's own namespace (readers of the Web Annotation model
 * ignore them). History and reading positions do not travel: they describe one computer's use.
 */
export const COLLECTIONS_PROPERTY = 'archivo:collections';
export const SAVED_SEARCHES_PROPERTY = 'archivo:savedSearches';

const timestamp = z.iso.datetime({ offset: true });
const collectionSchema = z.object({
  id: collectionIdSchema,
  name: collectionNameSchema,
  created: timestamp,
  modified: timestamp,
  documentIds: z.array(documentIdSchema).max(100_000),
});
const savedSearchSchema = z.object({
  id: collectionIdSchema,
  name: collectionNameSchema,
  query: z.string().max(MAX_SEARCH_PARAMS_LENGTH),
  params: z.string().max(MAX_SEARCH_PARAMS_LENGTH),
  created: timestamp,
});

/** Documents that belong in a collection known only by its name (a CSV import's collections column). */
export interface CollectionMembership {
  name: string;
  documentIds: string[];
}

export interface KeptLists {
  collections: Collection[];
  savedSearches: SavedSearch[];
  /** Merged by name: into the collection of that name, or a new one. Absent: none. */
  memberships?: CollectionMembership[];
}

/** The export's JSON-LD text with the user's collections and saved searches added (when there are any). */
export function withKeptLists(jsonLd: string, userData: UserData): string {
  const collections = userData.collections.list();
  const savedSearches = userData.collections.listSavedSearches();
  if (collections.length === 0 && savedSearches.length === 0) return jsonLd;
  const document: unknown = JSON.parse(jsonLd);
  if (!isRecord(document)) return jsonLd;
  const lists = {
    ...(collections.length > 0 ? { [COLLECTIONS_PROPERTY]: collections } : {}),
    ...(savedSearches.length > 0 ? { [SAVED_SEARCHES_PROPERTY]: savedSearches } : {}),
  };
  return `${JSON.stringify({ ...document, ...lists }, null, 2)}\n`;
}

/**
 * Reads the two properties from a parsed import, before anything is written. A malformed entry
 * is refused with its place named: `archivo:collections[2].name: a name is required`.
 */
export function readKeptLists(parsed: unknown): KeptLists {
  if (!isRecord(parsed)) return { collections: [], savedSearches: [] };
  return {
    collections: readList(parsed[COLLECTIONS_PROPERTY], collectionSchema, COLLECTIONS_PROPERTY),
    savedSearches: readList(parsed[SAVED_SEARCHES_PROPERTY], savedSearchSchema, SAVED_SEARCHES_PROPERTY),
  };
}

/** Merges them into the user database; the caller runs it inside the import's transaction. */
export function mergeKeptLists(userData: UserData, lists: KeptLists): void {
  for (const collection of lists.collections) userData.collections.mergeImported(collection);
  for (const search of lists.savedSearches) userData.collections.mergeImportedSearch(search);
  for (const membership of lists.memberships ?? []) {
    const existing = userData.collections.list().find((collection) => collection.name === membership.name);
    if (!existing) {
      userData.collections.create(membership.name, membership.documentIds);
      continue;
    }
    for (const documentId of membership.documentIds)
      if (!existing.documentIds.includes(documentId)) userData.collections.setMembership(existing.id, documentId, true);
  }
}

/** Each document's collection names (sorted as the collections are), for the CSV and Markdown exports. */
export function collectionNamesByDocument(collections: readonly Collection[]): (documentId: string) => string[] {
  const names = new Map<string, string[]>();
  for (const collection of collections)
    for (const documentId of collection.documentIds)
      names.set(documentId, [...(names.get(documentId) ?? []), collection.name]);
  return (documentId) => names.get(documentId) ?? [];
}

function readList<T>(value: unknown, schema: z.ZodType<T>, property: string): T[] {
  if (value === undefined) return [];
  const parsed = z.array(schema).max(10_000).safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const place = (issue?.path ?? []).map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`));
  throw new ApiError('InvalidArgument', `${property}${place.join('')}: ${issue?.message ?? 'invalid'}`);
}
