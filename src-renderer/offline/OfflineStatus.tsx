import { lazy, memo, Suspense, useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { OfflineKeeper } from './offline-keeper';
import { formatBytes } from './format-bytes';
import { isOwnComputersPage } from './own-computer';

/** Only the laptop's own page offers joining: a phone never downloads the QR code writer. */
const JoinPanel = lazy(() => import('./JoinPanel').then((module) => ({ default: module.JoinPanel })));

interface OfflineStatusProps {
  keeper: OfflineKeeper;
  api: ArchiveApi;
  /** The archive answered its status: its name can be asked for. */
  ready: boolean;
}

/**
 * The header's line about the connection and what this tab keeps, folded into one line so a
 * phone's first screen stays for the search: the archive's name, how many documents are kept and,
 * on plain http, "keep this tab open". Expanded: the full warning (a reload cannot work offline),
 * how much is kept and a way to clear it. Once the laptop cannot be reached, the always-visible
 * status line says the kept documents still open and search.
 */
// Memoised: the app re-renders on every keystroke and answer, and this line changes only with the keeper's state.
export const OfflineStatus = memo(function OfflineStatus({ keeper, api, ready }: OfflineStatusProps) {
  const { t, i18n } = useTranslation();
  const state = useSyncExternalStore(keeper.subscribe, keeper.getState);
  useEffect(() => {
    if (ready) api.corpusInfo().catch(() => undefined);
  }, [api, ready]);
  useEffect(() => {
    if (state.archiveName) document.title = `${state.archiveName} · ${t('app.title')}`;
  }, [state.archiveName, t]);
  const usage = state.usage;
  const warn = state.online && state.insecure;
  return (
    <div
      className={state.online ? 'offline-status' : 'offline-status offline-status-offline'}
      data-testid="offline-status"
    >
      <details className="offline-details">
        <summary className="offline-summary tap-target" data-testid="offline-summary">
          {/* On a narrow screen a long name ends in an ellipsis here; unfolded, it is written whole. */}
          <span className="offline-archive-name" data-testid="archive-name">
            {state.archiveName ? t('offline.archiveName', { name: state.archiveName }) : t('offline.details')}
          </span>
          {warn && <span className="offline-summary-hint">{` · ${t('offline.summaryKeepTab')}`}</span>}
        </summary>
        {state.archiveName && <p>{t('offline.archiveName', { name: state.archiveName })}</p>}
        {warn && <p className="offline-warning">{t('offline.reloadWarning')}</p>}
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
      </details>
      {isOwnComputersPage() && (
        <Suspense fallback={null}>
          <JoinPanel />
        </Suspense>
      )}
      <p role="status" data-testid="connection-status">
        {state.online ? '' : t('offline.offline', { count: usage?.documents ?? 0 })}
      </p>
      {state.quotaFull && <p role="alert">{t('offline.quotaFull')}</p>}
    </div>
  );
});
