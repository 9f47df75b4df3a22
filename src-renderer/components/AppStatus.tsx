import { useTranslation } from 'react-i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { ArchiveStatusState } from '../app/use-archive-status';
import type { LibraryState } from '../lib/use-library';
import { CorpusProblemScreen } from './CorpusProblemScreen';

interface AppStatusProps {
  api: ArchiveApi;
  status: ArchiveStatusState;
  library: LibraryState;
  onRetry: () => void;
}

/** What stands in for the views until the archive is ready: loading, its start-up problem, or a failure. */
export function AppStatus({ api, status, library, onRetry }: AppStatusProps) {
  const { t } = useTranslation();
  if (status.state === 'loading')
    return (
      <div className="app-status" role="status">
        <span className="spinner" aria-hidden="true" /> {t('app.loading')}
      </div>
    );
  if (status.state !== 'error') return null;
  if (status.problem)
    return (
      <CorpusProblemScreen
        api={api}
        problem={status.problem}
        message={status.message}
        library={library}
        onRetry={onRetry}
      />
    );
  return (
    <div className="app-status" role="alert">
      <p>{t('app.loadFailed')}</p>
      <p className="app-status-detail">{status.message}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('errors.retry')}
      </button>
    </div>
  );
}
