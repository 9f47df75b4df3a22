import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi } from '../../src-main/common/api';
import { describeError } from '../lib/errors';
import { Dialog } from '../components/Dialog';
import { EncryptionSettings } from './EncryptionSettings';
import type { NotesLock } from './use-notes-lock';

interface EncryptionQuestionProps {
  notesApi: AnnotationsApi;
  lock: NotesLock;
  /** From the user-data status: plain notes whose owner was never asked. */
  ask: boolean;
}

/**
 * The first-start question of issue 17: plain notes are the default, so the owner is told once
 * what that means and offered encryption right there. "Not now" is remembered in the user
 * database; turning encryption on answers it too. Not a modal: reading can start at once.
 */
export function EncryptionQuestion({ notesApi, lock, ask }: EncryptionQuestionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [state, setState] = useState<'asking' | 'choosing' | 'later' | 'hidden'>('asking');
  const [error, setError] = useState<string | null>(null);
  if (!ask || state === 'hidden' || (lock.encrypted && state !== 'choosing')) return null;

  const later = async () => {
    try {
      await notesApi.answerEncryptionQuestion();
      setState('later');
    } catch (reason) {
      setError(describeError(reason, t));
    }
  };

  return (
    <section className="encryption-question" aria-labelledby={headingId} data-testid="encryption-question">
      <h3 id={headingId}>{t('sealed.questionTitle')}</h3>
      {state === 'later' ? (
        <p role="status">{t('sealed.questionLaterDone')}</p>
      ) : (
        <>
          <p>{t('sealed.questionText')}</p>
          <Dialog
            open={state === 'choosing'}
            title={t('sealed.questionTitle')}
            onClose={() => {
              setState(lock.encrypted ? 'hidden' : 'asking');
            }}
            actions={
              <button
                type="button"
                className="button"
                onClick={() => {
                  setState(lock.encrypted ? 'hidden' : 'asking');
                }}
              >
                {t('sealed.close')}
              </button>
            }
          >
            {/* A dialog, not inline: the form is taller than the home screen's lead has room for on a phone. */}
            <EncryptionSettings notesApi={notesApi} lock={lock} />
          </Dialog>
          {state !== 'choosing' && (
            <div className="encryption-question-actions">
              <button
                type="button"
                className="button"
                onClick={() => {
                  setState('choosing');
                }}
              >
                {t('sealed.questionYes')}
              </button>
              <button type="button" className="button" onClick={() => void later()}>
                {t('sealed.questionLater')}
              </button>
            </div>
          )}
        </>
      )}
      {error !== null && <p role="alert">{error}</p>}
    </section>
  );
}
