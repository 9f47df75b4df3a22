import type { AnnotationMethod } from '../../common/ipc';
import {
  CONTINUE_READING_SHOWN,
  type ActivitySettingsChanges,
  type NewSavedSearch,
  type ReadingPositionInput,
  type SearchRecord,
} from '../../common/collections';
import type { UserData } from '../userdata/user-data';

/** The annotation-group methods that keep place and collect (not notes themselves). */
export type CollectionMethod = Extract<
  AnnotationMethod,
  | 'listCollections'
  | 'createCollection'
  | 'renameCollection'
  | 'deleteCollection'
  | 'setCollectionMembership'
  | 'listSavedSearches'
  | 'saveSearch'
  | 'deleteSavedSearch'
  | 'activitySettings'
  | 'updateActivitySettings'
  | 'recordSearch'
  | 'searchHistory'
  | 'clearSearchHistory'
  | 'saveReadingPosition'
  | 'readingPosition'
  | 'recentReading'
>;

/**
 * Runs one collections/history/position call on the user database. `args` were validated by
 * the method table's schemas (`parseApiArguments`), which is what the element types below rely on.
 */
export function runCollectionMethod(userData: UserData, method: CollectionMethod, args: readonly unknown[]): unknown {
  const { collections, activity } = userData;
  const text = (index: number) => String(args[index]);
  switch (method) {
    case 'listCollections':
      return collections.list();
    case 'createCollection':
      return collections.create(text(0), (args[1] as string[] | undefined) ?? []);
    case 'renameCollection':
      return collections.rename(text(0), text(1));
    case 'deleteCollection':
      return collections.delete(text(0));
    case 'setCollectionMembership':
      return collections.setMembership(text(0), text(1), args[2] === true);
    case 'listSavedSearches':
      return collections.listSavedSearches();
    case 'saveSearch':
      return collections.saveSearch(args[0] as NewSavedSearch);
    case 'deleteSavedSearch':
      return collections.deleteSavedSearch(text(0));
    case 'activitySettings':
      return activity.settings();
    case 'updateActivitySettings':
      return activity.updateSettings(args[0] as ActivitySettingsChanges);
    case 'recordSearch':
      return activity.recordSearch(args[0] as SearchRecord);
    case 'searchHistory':
      return activity.searchHistory();
    case 'clearSearchHistory':
      activity.clearSearchHistory();
      return undefined;
    case 'saveReadingPosition':
      return activity.savePosition(args[0] as ReadingPositionInput);
    case 'readingPosition':
      return activity.position(text(0));
    case 'recentReading':
      return activity.recentPositions(CONTINUE_READING_SHOWN);
  }
}
