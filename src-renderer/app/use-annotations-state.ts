import type { ArchiveApi } from '../../src-main/common/api';
import type { SearchState } from '../lib/route';
import { useActivitySettings, type ActivitySettingsState } from '../collect/use-activity-settings';
import { useSearchHistory } from '../collect/use-search-history';
import { useNotesLock, type NotesLock } from '../lock/use-notes-lock';
import { useAnnotationsAvailability, type AnnotationsAvailability } from './use-annotations-availability';

export interface AnnotationsState extends AnnotationsAvailability {
  /** Whether reading positions and search history are kept. */
  activity: ActivitySettingsState;
  notesLock: NotesLock;
}

/**
 * The user's own data: annotations where this transport offers them, the activity settings, the
 * search history and the lock of encrypted notes. Collections, history and reading positions
 * live with the notes: where notes are off, so are they.
 */
export function useAnnotationsState(
  api: ArchiveApi,
  ready: boolean,
  /** The search on screen (null in other views), recorded when the history is kept. */
  shownSearch: SearchState | null,
): AnnotationsState {
  const annotations = useAnnotationsAvailability(api, ready);
  const { notesApi } = annotations;
  const activity = useActivitySettings(notesApi);
  useSearchHistory(notesApi, activity.settings.keepSearchHistory, shownSearch);
  const notesLock = useNotesLock(notesApi, annotations.userDataStatus);
  return { ...annotations, activity, notesLock };
}
