import { useCallback, useEffect, useState } from 'react';
import type { AnnotationsApi } from '../../src-main/common/api';
import type { ActivitySettings, ActivitySettingsChanges } from '../../src-main/common/collections';

/** The default: nothing about the user's reading is kept until they turn it on. */
const DEFAULT_ACTIVITY_SETTINGS: ActivitySettings = { rememberReading: false, keepSearchHistory: false };

export interface ActivitySettingsState {
  settings: ActivitySettings;
  /** Saves a change; turning a setting off erases what it kept (the store does it). */
  update(changes: ActivitySettingsChanges): Promise<void>;
}

/** Whether reading positions and search history are kept: off (the default) until the user says otherwise. */
export function useActivitySettings(notesApi: AnnotationsApi | null): ActivitySettingsState {
  const [settings, setSettings] = useState<ActivitySettings>(DEFAULT_ACTIVITY_SETTINGS);
  useEffect(() => {
    if (!notesApi) return;
    let current = true;
    notesApi.activitySettings().then(
      (answer) => {
        if (current) setSettings(answer);
      },
      () => undefined, // Unanswered: the defaults (nothing kept) stand.
    );
    return () => {
      current = false;
    };
  }, [notesApi]);
  const update = useCallback(
    async (changes: ActivitySettingsChanges) => {
      if (!notesApi) return;
      // The box follows the click at once; the stored answer then confirms (or undoes) it.
      setSettings((previous) => ({ ...previous, ...changes }));
      try {
        setSettings(await notesApi.updateActivitySettings(changes));
      } catch (error) {
        setSettings(await notesApi.activitySettings().catch(() => DEFAULT_ACTIVITY_SETTINGS));
        throw error;
      }
    },
    [notesApi],
  );
  return { settings: notesApi ? settings : DEFAULT_ACTIVITY_SETTINGS, update };
}
