import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi } from '../../src-main/common/api';
import type { SavedSearch, SearchHistoryEntry } from '../../src-main/common/collections';
import { describeError } from '../lib/errors';
import { useLoaded } from '../lib/use-loaded';
import type { ActivitySettingsState } from './use-activity-settings';
import { searchHref } from './search-params';

interface ActivityPanelProps {
  notesApi: AnnotationsApi;
  activity: ActivitySettingsState;
}

/** Saved searches, the search history and the two settings that allow history and reading positions. */
export function ActivityPanel({ notesApi, activity }: ActivityPanelProps) {
  const { t } = useTranslation();
  const { keepSearchHistory, rememberReading } = activity.settings;
  // Asked again when history is turned on or off (turning it off erases it).
  const lists = useLoaded(
    useCallback(async () => {
      const [saved, history] = await Promise.all([notesApi.listSavedSearches(), notesApi.searchHistory()]);
      return { saved, history };
    }, [notesApi]),
    keepSearchHistory,
  );
  const saved = lists.latest?.saved ?? NO_SAVED;
  const history = lists.latest?.history ?? NO_HISTORY;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (lists.state === 'error' ? describeError(lists.error, t) : null);
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setError(null);
    } catch (failure) {
      setError(describeError(failure, t));
    }
    await lists.reload();
  };

  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="saved-searches-heading">
        <h2 id="saved-searches-heading">{t('collect.savedHeading')}</h2>
        {saved.length === 0 && <p>{t('collect.savedNone')}</p>}
        <ul className="collection-list" data-testid="saved-searches">
          {saved.map((search) => (
            <li key={search.id}>
              <a href={searchHref(search.params)}>{search.name}</a>
              <button
                type="button"
                className="button button-quiet"
                aria-label={t('collect.deleteSaved', { name: search.name })}
                onClick={() => void run(() => notesApi.deleteSavedSearch(search.id))}
              >
                {t('collect.remove')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('collect.historyHeading')}</h2>
        {!keepSearchHistory && <p>{t('collect.historyOff')}</p>}
        {keepSearchHistory && history.length === 0 && <p>{t('collect.historyEmpty')}</p>}
        <ul className="collection-list" data-testid="search-history">
          {history.map((entry) => (
            <li key={entry.params}>
              <a href={searchHref(entry.params)}>{entry.query}</a>
            </li>
          ))}
        </ul>
        {history.length > 0 && (
          <button
            type="button"
            className="button"
            data-testid="clear-history"
            onClick={() => void run(() => notesApi.clearSearchHistory())}
          >
            {t('collect.clearHistory')}
          </button>
        )}
      </section>
      <section aria-labelledby="activity-settings-heading" data-testid="activity-settings">
        <h2 id="activity-settings-heading">{t('collect.settingsHeading')}</h2>
        <p id="activity-settings-explain">{t('collect.settingsExplain')}</p>
        <label className="check-row">
          <input
            type="checkbox"
            checked={rememberReading}
            aria-describedby="activity-settings-explain"
            data-testid="remember-reading"
            onChange={(event) => void run(() => activity.update({ rememberReading: event.target.checked }))}
          />
          <span>{t('collect.rememberReading')}</span>
        </label>
        <label className="check-row">
          <input
            type="checkbox"
            checked={keepSearchHistory}
            aria-describedby="activity-settings-explain"
            data-testid="keep-history"
            onChange={(event) => void run(() => activity.update({ keepSearchHistory: event.target.checked }))}
          />
          <span>{t('collect.keepHistory')}</span>
        </label>
      </section>
    </>
  );
}

const NO_SAVED: SavedSearch[] = [];
const NO_HISTORY: SearchHistoryEntry[] = [];
