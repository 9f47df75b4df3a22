import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { CorpusProblem } from '../../src-main/common/library';
import type { LibraryState } from '../lib/use-library';
import { ChooseFileButton } from './ChooseFileButton';

interface CorpusProblemScreenProps {
  api: ArchiveApi;
  problem: CorpusProblem;
  /** The English sentence of the transport, shown under "Technical details" for support. */
  message: string;
  /**
   * Installs packs as the Archives view does, so an unsigned pack or an unknown key asks first
   * with the same dialog (showing the fingerprint) before it can replace this screen.
   */
  library: LibraryState;
  /** Asks the archive for its status again (after a pack was installed, or to retry). */
  onRetry: () => void;
  /** How often to ask the status while shown (a pack opened from the menu or a double-click). */
  pollMs?: number;
}

/**
 * Start-up screen when the bundled corpus cannot be opened: what is wrong, in the UI's language
 * (by the diagnosis code, never a stack trace), how to fix it, the file concerned, and that the
 * notes are safe (the annotations database is not opened at all in this state).
 */
export function CorpusProblemScreen({
  api,
  problem,
  message,
  library,
  onRetry,
  pollMs = 2000,
}: CorpusProblemScreenProps) {
  const { t } = useTranslation();
  const choosePack = library.chooseAndInstall;
  // Browser mode has no file dialog of the app's own: the page's file picker sends the file.
  const installFile = choosePack ? null : library.installFile;
  const installing = library.busy;
  const packError = library.message?.kind === 'error' ? library.message.text : null;
  // An installed pack makes the library usable: the status turns ready and the app leaves this screen.
  const shownRevision = useRef(library.revision);
  useEffect(() => {
    if (library.revision === shownRevision.current) return;
    shownRevision.current = library.revision;
    onRetry();
  }, [library.revision, onRetry]);
  // A pack installed some other way (File menu, double-click, another tab) also ends this screen.
  useEffect(() => {
    let stopped = false;
    const timer = window.setInterval(() => {
      api.status().then(
        (status) => {
          if (!stopped && status.state === 'ready') onRetry();
        },
        () => undefined,
      );
    }, pollMs);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [api, onRetry, pollMs]);
  return (
    <section
      className="corpus-problem"
      role="alert"
      aria-labelledby="corpus-problem-title"
      data-testid="corpus-problem"
      data-code={problem.code}
    >
      <h2 id="corpus-problem-title">{t('app.problem.title')}</h2>
      <p className="corpus-problem-what" data-testid="corpus-problem-what">
        {t(`app.problem.code.${problem.code}`)}
      </p>
      <p className="corpus-problem-fix">
        {problem.code === 'newer-schema' ? t('app.problem.fixNewer') : t('app.problem.fix')}
      </p>
      <p className="corpus-problem-file">
        {t('app.problem.file', { path: '' })}
        <code data-testid="corpus-problem-path">{problem.path}</code>
      </p>
      <p className="corpus-problem-safe" data-testid="corpus-problem-safe">
        {t('app.problem.notesSafe')}
      </p>
      <div className="corpus-problem-actions">
        {choosePack && (
          <button type="button" className="button button-primary" disabled={installing} onClick={choosePack}>
            {t('app.problem.openPack')}
          </button>
        )}
        {installFile && (
          <ChooseFileButton
            label={t('app.problem.openPack')}
            accept=".archive"
            className="button button-primary"
            disabled={installing}
            buttonTestId="corpus-problem-open-pack"
            inputTestId="corpus-problem-pack-input"
            onFile={installFile}
          />
        )}
        <button type="button" className="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      </div>
      {packError && (
        <p role="alert" className="error" data-testid="corpus-problem-pack-error">
          {packError}
        </p>
      )}
      <details className="corpus-problem-details">
        <summary>{t('app.problem.details')}</summary>
        <p>{message}</p>
      </details>
    </section>
  );
}
