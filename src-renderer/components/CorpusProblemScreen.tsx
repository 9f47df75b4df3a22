import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { CorpusProblem } from '../../src-main/common/library';
import { describeError } from '../lib/errors';

interface CorpusProblemScreenProps {
  api: ArchiveApi;
  problem: CorpusProblem;
  /** The English sentence of the transport, shown under "Technical details" for support. */
  message: string;
  /** Asks the archive for its status again (after a pack was installed, or to retry). */
  onRetry: () => void;
}

/**
 * Start-up screen when the bundled corpus cannot be opened: what is wrong, in the UI's language
 * (by the diagnosis code, never a stack trace), how to fix it, the file concerned, and that the
 * notes are safe (the annotations database is not opened at all in this state).
 */
export function CorpusProblemScreen({ api, problem, message, onRetry }: CorpusProblemScreenProps) {
  const { t } = useTranslation();
  const [packError, setPackError] = useState<string | null>(null);
  const choosePack = api.packs?.chooseAndInstall;
  const openPack = async () => {
    if (!choosePack) return;
    setPackError(null);
    try {
      const outcome = await choosePack();
      if (outcome) onRetry();
    } catch (error) {
      setPackError(describeError(error, t));
    }
  };
  return (
    <main className="corpus-problem" role="alert" aria-labelledby="corpus-problem-title" data-testid="corpus-problem" data-code={problem.code}>
      <h2 id="corpus-problem-title">{t('app.problem.title')}</h2>
      <p className="corpus-problem-what" data-testid="corpus-problem-what">{t(`app.problem.code.${problem.code}`)}</p>
      <p className="corpus-problem-fix">{problem.code === 'newer-schema' ? t('app.problem.fixNewer') : t('app.problem.fix')}</p>
      <p className="corpus-problem-file">
        {t('app.problem.file', { path: '' })}
        <code data-testid="corpus-problem-path">{problem.path}</code>
      </p>
      <p className="corpus-problem-safe" data-testid="corpus-problem-safe">{t('app.problem.notesSafe')}</p>
      <div className="corpus-problem-actions">
        {choosePack && (
          <button type="button" className="button button-primary" onClick={() => void openPack()}>
            {t('app.problem.openPack')}
          </button>
        )}
        <button type="button" className="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      </div>
      {packError && <p role="alert" className="error">{packError}</p>}
      <details className="corpus-problem-details">
        <summary>{t('app.problem.details')}</summary>
        <p>{message}</p>
      </details>
    </main>
  );
}
