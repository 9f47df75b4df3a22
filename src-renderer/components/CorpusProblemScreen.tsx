import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { CorpusProblem, PackInstallOutcome } from '../../src-main/common/library';
import { describeError } from '../lib/errors';

interface CorpusProblemScreenProps {
  api: ArchiveApi;
  problem: CorpusProblem;
  /** The English sentence of the transport, shown under "Technical details" for support. */
  message: string;
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
export function CorpusProblemScreen({ api, problem, message, onRetry, pollMs = 2000 }: CorpusProblemScreenProps) {
  const { t } = useTranslation();
  const [packError, setPackError] = useState<string | null>(null);
  const [installing, setInstalling] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const choosePack = api.packs?.chooseAndInstall;
  // Browser mode has no file dialog of the app's own: the page's file picker sends the file.
  const installFile = choosePack ? undefined : api.packs?.installFile;
  const install = async (run: () => Promise<PackInstallOutcome | null>) => {
    setPackError(null);
    setInstalling(true);
    try {
      // An installed pack makes the library usable: the status turns ready and the app leaves this screen.
      if (await run()) onRetry();
    } catch (error) {
      setPackError(describeError(error, t));
    } finally {
      setInstalling(false);
    }
  };
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
          <button
            type="button"
            className="button button-primary"
            disabled={installing}
            onClick={() => void install(() => choosePack())}
          >
            {t('app.problem.openPack')}
          </button>
        )}
        {installFile && (
          <>
            <button
              type="button"
              className="button button-primary"
              disabled={installing}
              data-testid="corpus-problem-open-pack"
              onClick={() => fileInput.current?.click()}
            >
              {t('app.problem.openPack')}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".archive"
              hidden
              data-testid="corpus-problem-pack-input"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void install(() => installFile(file));
              }}
            />
          </>
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
