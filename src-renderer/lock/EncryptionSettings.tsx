import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi } from '../../src-main/common/api';
import { apiErrorCode, apiErrorMessage } from './api-error-code';
import { EMPTY_PASSPHRASE_PAIR, PassphraseFields, type PassphrasePair } from './PassphraseFields';
import { IDLE_LOCK_CHOICES, loadIdleMinutes, saveIdleMinutes, type NotesLock } from './use-notes-lock';

/**
 * Turning encryption of the notes on or off, the idle time before they lock, and "lock now".
 * Both directions rewrite the notes database and every backup (crash-safe, in the core), which
 * also judges the new passphrase's length (code `weak-passphrase`).
 */
export function EncryptionSettings({ notesApi, lock }: { notesApi: AnnotationsApi; lock: NotesLock }) {
  const { t } = useTranslation();
  const [pair, setPair] = useState<PassphrasePair>(EMPTY_PASSPHRASE_PAIR);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [idleMinutes, setIdleMinutes] = useState(loadIdleMinutes);
  const headingId = useId();
  const idleId = useId();

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!lock.encrypted && pair.first !== pair.second) {
      setMessage({ text: t('lock.mismatch'), error: true });
      return;
    }
    setBusy(true);
    setMessage({ text: t('lock.working'), error: false });
    try {
      if (lock.encrypted) await notesApi.setUserDataEncryption(pair.first, null);
      else await notesApi.setUserDataEncryption(null, pair.first);
      setMessage({ text: lock.encrypted ? t('lock.turnedOff') : t('lock.turnedOn'), error: false });
      lock.setEncrypted(!lock.encrypted);
      setPair(EMPTY_PASSPHRASE_PAIR);
    } catch (error) {
      const code = apiErrorCode(error);
      setMessage({
        text:
          code === 'wrong-passphrase'
            ? t('lock.wrong')
            : code === 'weak-passphrase'
              ? t('lock.weak')
              : t('lock.failed', { message: apiErrorMessage(error) }),
        error: true,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="encryption-settings" data-testid="encryption-settings">
      <h3 id={headingId}>{t('lock.settingsTitle')}</h3>
      <p>{lock.encrypted ? t('lock.stateOn') : t('lock.stateOff')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <PassphraseFields
          pair={pair}
          onChange={setPair}
          label={lock.encrypted ? t('lock.currentPassphrase') : t('lock.newPassphrase')}
          repeatLabel={lock.encrypted ? undefined : t('lock.repeatPassphrase')}
          autoComplete={lock.encrypted ? 'current-password' : 'new-password'}
          hint={t('lock.forgotten')}
        />
        <button type="submit" disabled={busy || pair.first === ''}>
          {lock.encrypted ? t('lock.turnOff') : t('lock.turnOn')}
        </button>
      </form>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'lock-problem' : undefined}>
          {message.text}
        </p>
      )}
      {lock.encrypted && (
        <div className="encryption-lock-row">
          <label htmlFor={idleId}>{t('lock.idleLabel')}</label>
          <select
            id={idleId}
            value={idleMinutes}
            onChange={(event) => {
              const minutes = Number(event.target.value);
              saveIdleMinutes(minutes);
              setIdleMinutes(minutes);
            }}
          >
            {IDLE_LOCK_CHOICES.map((minutes) => (
              <option key={minutes} value={minutes}>
                {minutes === 0 ? t('lock.idleOff') : t('lock.idleMinutes', { count: minutes })}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void lock.lock()}>
            {t('lock.lockNow')}
          </button>
        </div>
      )}
    </section>
  );
}
