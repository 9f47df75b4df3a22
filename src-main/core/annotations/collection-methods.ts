import type { AnnotationMethod } from '../../common/ipc';
import type { ApiArgs, ApiResult } from '../../common/api-methods';
import { CONTINUE_READING_SHOWN } from '../../common/collections';
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

/** What answers each collection method: its validated arguments in, its result out. */
export type CollectionHandlers = {
  [M in CollectionMethod]: (...args: ApiArgs<M>) => ApiResult<M> extends Promise<infer R> ? R : ApiResult<M>;
};

/**
 * The collections/history/position calls on the user database that `userData` returns (it
 * throws while notes are locked). Each handler receives its arguments as the method table's
 * schemas validated them (`parseApiArguments`).
 */
export function collectionHandlers(userData: () => UserData): CollectionHandlers {
  return {
    listCollections: () => userData().collections.list(),
    createCollection: (name, documentIds) => userData().collections.create(name, documentIds ?? []),
    renameCollection: (id, name) => userData().collections.rename(id, name),
    deleteCollection: (id) => userData().collections.delete(id),
    setCollectionMembership: (id, documentId, member) => userData().collections.setMembership(id, documentId, member),
    listSavedSearches: () => userData().collections.listSavedSearches(),
    saveSearch: (search) => userData().collections.saveSearch(search),
    deleteSavedSearch: (id) => userData().collections.deleteSavedSearch(id),
    activitySettings: () => userData().activity.settings(),
    updateActivitySettings: (changes) => userData().activity.updateSettings(changes),
    recordSearch: (record) => userData().activity.recordSearch(record),
    searchHistory: () => userData().activity.searchHistory(),
    clearSearchHistory: () => {
      userData().activity.clearSearchHistory();
    },
    saveReadingPosition: (position) => userData().activity.savePosition(position),
    readingPosition: (documentId) => userData().activity.position(documentId),
    recentReading: () => userData().activity.recentPositions(CONTINUE_READING_SHOWN),
  };
}
