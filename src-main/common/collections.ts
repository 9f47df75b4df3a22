import * as z from 'zod';
import { documentIdSchema } from './api-schemas';

/**
 * Collections (reading lists), saved searches, search history, reading positions and the
 * settings that govern the last two: the user's own way of keeping place in the archive.
 * Stored with the notes in the user database; owner-only like the notes.
 */

/** A named reading list of documents, in the order they were added. */
export interface Collection {
  id: string;
  name: string;
  created: string;
  modified: string;
  documentIds: string[];
}

/**
 * A search the user named. `params` is the search part of the app's URL (`q=…&type=letter&sort=date`):
 * kept as the URL says it, so every filter and sort the search view knows survives (including ones
 * added later) and re-running it is one navigation.
 */
export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  params: string;
  created: string;
}

/** One search the user ran, kept only while search history is turned on. */
export interface SearchHistoryEntry {
  query: string;
  params: string;
  searched: string;
}

/**
 * Where the user stopped reading a document, anchored to its text (not pixels): the offset of
 * the first passage in view in the document's plain text plus the words found there, so a
 * different window width (or a rebuilt document) still lands on the same passage.
 */
export interface ReadingPosition {
  documentId: string;
  title: string;
  start: number;
  quote: string;
  updated: string;
}

/** Both start OFF (the guide's rule): nothing about the user's reading is recorded until they opt in. */
export interface ActivitySettings {
  rememberReading: boolean;
  keepSearchHistory: boolean;
}

export const DEFAULT_ACTIVITY_SETTINGS: ActivitySettings = { rememberReading: false, keepSearchHistory: false };

export const MAX_COLLECTION_NAME_LENGTH = 200;
export const MAX_SEARCH_PARAMS_LENGTH = 4000;
export const MAX_POSITION_QUOTE_LENGTH = 200;
/** History keeps the newest this many searches; older ones are dropped as new ones arrive. */
export const SEARCH_HISTORY_KEPT = 50;
/** "Continue reading" lists at most this many documents. */
export const CONTINUE_READING_SHOWN = 5;

export const collectionIdSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'expected an id (a UUID)');

export const collectionNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(MAX_COLLECTION_NAME_LENGTH, `at most ${MAX_COLLECTION_NAME_LENGTH} characters`);

const searchParams = z.string().max(MAX_SEARCH_PARAMS_LENGTH);

export const newSavedSearchSchema = z.object({
  name: collectionNameSchema,
  query: z.string().max(MAX_SEARCH_PARAMS_LENGTH),
  params: searchParams,
});
export type NewSavedSearch = z.output<typeof newSavedSearchSchema>;

export const searchRecordSchema = z.object({
  query: z.string().min(1).max(MAX_SEARCH_PARAMS_LENGTH),
  params: searchParams,
});
export type SearchRecord = z.output<typeof searchRecordSchema>;

export const readingPositionInputSchema = z.object({
  documentId: documentIdSchema,
  title: z.string().max(1000),
  start: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31),
  quote: z.string().max(MAX_POSITION_QUOTE_LENGTH),
});
export type ReadingPositionInput = z.output<typeof readingPositionInputSchema>;

export const activitySettingsChangesSchema = z
  .object({ rememberReading: z.boolean(), keepSearchHistory: z.boolean() })
  .partial()
  .strict();
export type ActivitySettingsChanges = z.output<typeof activitySettingsChangesSchema>;
