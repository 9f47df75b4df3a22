import { useCallback, useMemo, useState } from 'react';
import type { AnnotationsApi } from '../../src-main/common/api';
import type { ActivitySettings, ActivitySettingsChanges } from '../../src-main/common/collections';
import { useLoaded } from '../lib/use-loaded';

/** The default: nothing about the user's reading is kept until they turn it on. */
const DEFAULT_ACTIVITY_SETTINGS: ActivitySettings = { rememberReading: false, keepSearchHistory: false };

export interface ActivitySettingsState {
  settings: ActivitySettings;
  /** Saves a change; turning a setting off erases what it kept (the store does it). */
  update(changes: ActivitySettingsChanges): Promise<void>;
}

/** Whether reading positions and search history are kept: off (the default) until the user says otherwise. */
export function useActivitySettings(notesApi: AnnotationsApi | null): ActivitySettingsState {
  // Unanswered: the defaults (nothing kept) stand.
  const stored = useLoaded(useMemo(() => (notesApi ? () => notesApi.activitySettings() : null), [notesApi]));
  // What the last change made of them, until the store is asked again.
  const [changed, setChanged] = useState<{ from: AnnotationsApi; settings: ActivitySettings } | null>(null);
  const settings =
    (changed?.from === notesApi ? changed.settings : undefined) ?? stored.value ?? DEFAULT_ACTIVITY_SETTINGS;
  const update = useCallback(
    async (changes: ActivitySettingsChanges) => {
      if (!notesApi) return;
      const keep = (next: ActivitySettings) => {
        setChanged({ from: notesApi, settings: next });
      };
      // The box follows the click at once; the stored answer then confirms (or undoes) it.
      keep({ ...settings, ...changes });
      try {
        keep(await notesApi.updateActivitySettings(changes));
      } catch (error) {
        keep(await notesApi.activitySettings().catch(() => DEFAULT_ACTIVITY_SETTINGS));
        throw error;
      }
    },
    [notesApi, settings],
  );
  return { settings, update };
}
