import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { OfflineKeeper } from './offline-keeper';
import { formatBytes } from './format-bytes';
import { JoinPanel } from './JoinPanel';

interface OfflineStatusProps {
  keeper: OfflineKeeper;
  api: ArchiveApi;
  /** The archive answered its status: its name can be asked for. */
  ready: boolean;
}

/**
 * The header's line about the connection and what this tab keeps: the archive's name, how much
 * is kept (and a way to clear it), a warning before a reload could matter, and, once the
 * laptop cannot be reached, that the kept documents still open and search.
 */
export function OfflineStatus({ keeper, api, ready }: OfflineStatusProps) {
  const { t, i18n } = useTranslation();
  const state = useSyncExternalStore(keeper.subscribe, keeper.getState);
  useEffect(() => {
    if (ready) api.corpusInfo().catch(() => undefined);
  }, [api, ready]);
  useEffect(() => {
    if (state.archiveName) document.title = `${state.archiveName} · ${t('app.title')}`;
  }, [state.archiveName, t]);
  const usage = state.usage;
  return (
    <div
      className={state.online ? 'offline-status' : 'offline-status offline-status-offline'}
      data-testid="offline-status"
    >
      {state.archiveName && (
        <p className="offline-archive-name" data-testid="archive-name">
          {t('offline.archiveName', { name: state.archiveName })}
        </p>
      )}
      <JoinPanel />
      <p role="status" data-testid="connection-status">
        {state.online ? '' : t('offline.offline', { count: usage?.documents ?? 0 })}
      </p>
      {state.quotaFull && <p role="alert">{t('offline.quotaFull')}</p>}
      {state.online && state.insecure && <p className="offline-warning">{t('offline.reloadWarning')}</p>}
      {usage && (
        <p className="offline-usage">
          <span data-testid="kept-usage">
            {t('offline.kept', {
              count: usage.documents,
              used: formatBytes(usage.bytes, i18n.language),
              budget: formatBytes(usage.budget, i18n.language),
            })}
          </span>{' '}
          {usage.documents > 0 && (
            <button type="button" className="button button-quiet tap-target" onClick={() => void keeper.clear()}>
              {t('offline.clear')}
            </button>
          )}
        </p>
      )}
    </div>
  );
}
