import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorCode, apiErrorMessage } from './api-error-code';

/**
 * Shown INSTEAD of the whole app while encrypted notes are locked: no document, result list or
 * note is rendered behind it (not merely covered), so nothing of them is in the page to read.
 */
export function LockScreen({ onUnlock }: { onUnlock: (passphrase: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fieldId = useId();
  const problemId = useId();

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (passphrase === '' || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await onUnlock(passphrase);
    } catch (error) {
      setProblem(
        apiErrorCode(error) === 'wrong-passphrase'
          ? t('lock.wrong')
          : t('lock.failed', { message: apiErrorMessage(error) }),
      );
      setBusy(false);
    }
  };

  return (
    <main className="lock-screen" data-testid="lock-screen">
      <form className="lock-form" onSubmit={(event) => void submit(event)}>
        <h1>{t('lock.title')}</h1>
        <p>{t('lock.intro')}</p>
        <label htmlFor={fieldId}>{t('lock.passphrase')}</label>
        <input
          id={fieldId}
          type="password"
          autoComplete="current-password"
          // The only thing to do on this screen.
          autoFocus
          value={passphrase}
          aria-invalid={problem !== null}
          aria-describedby={problem === null ? undefined : problemId}
          onChange={(event) => {
            setPassphrase(event.target.value);
          }}
        />
        <button type="submit" disabled={busy || passphrase === ''}>
          {busy ? t('lock.unlocking') : t('lock.unlock')}
        </button>
        {problem !== null && (
          <p id={problemId} className="lock-problem" role="alert">
            {problem}
          </p>
        )}
        <p className="lock-note">{t('lock.forgotten')}</p>
      </form>
    </main>
  );
}
