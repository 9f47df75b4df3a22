import { useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi } from '../../src-main/common/api';
import type { ImportSummary } from '../../src-main/common/annotations';
import { apiErrorCode } from './api-error-code';

interface SealedImportOptions {
  notesApi: AnnotationsApi;
  onImported: (summary: ImportSummary) => void;
  /** Any refusal other than a wrong passphrase, worded by the caller as for a plain import. */
  onRefused: (error: unknown, fileName: string) => void;
}

/**
 * Importing a sealed export (issue 17): the first attempt goes without a passphrase; when the
 * core answers `passphrase-needed`, the file's text is kept and a passphrase field appears in
 * its place. A wrong passphrase says so and keeps the field; nothing is imported until it opens.
 */
export function useSealedImport({ notesApi, onImported, onRefused }: SealedImportOptions): {
  importText: (text: string, fileName: string) => Promise<void>;
  prompt: ReactNode;
} {
  const { t } = useTranslation();
  const [pending, setPending] = useState<{ text: string; fileName: string } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [wrong, setWrong] = useState(false);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const fieldId = useId();

  const importText = async (text: string, fileName: string) => {
    try {
      onImported(await notesApi.importAnnotations(text));
    } catch (error) {
      if (apiErrorCode(error) !== 'passphrase-needed') {
        onRefused(error, fileName);
        return;
      }
      setPending({ text, fileName });
      setPassphrase('');
      setWrong(false);
    }
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!pending || busy) return;
    setBusy(true);
    try {
      const summary = await notesApi.importAnnotations(pending.text, passphrase);
      setPending(null);
      setPassphrase('');
      onImported(summary);
    } catch (error) {
      if (apiErrorCode(error) === 'wrong-passphrase') setWrong(true);
      else {
        setPending(null);
        onRefused(error, pending.fileName);
      }
    } finally {
      setBusy(false);
    }
  };

  const prompt = pending && (
    <section className="sealed-import" aria-labelledby={headingId} data-testid="sealed-import">
      <h3 id={headingId}>{t('sealed.importTitle', { file: pending.fileName })}</h3>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor={fieldId}>{t('sealed.importPassphrase')}</label>
        <input
          id={fieldId}
          type="password"
          autoComplete="off"
          value={passphrase}
          aria-invalid={wrong}
          onChange={(event) => {
            setPassphrase(event.target.value);
          }}
        />
        <div className="sealed-import-actions">
          <button type="submit" className="button" disabled={busy || passphrase === ''}>
            {t('sealed.importConfirm')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setPending(null);
              setPassphrase('');
            }}
          >
            {t('sealed.importCancel')}
          </button>
        </div>
      </form>
      {wrong && <p role="alert">{t('sealed.importWrong', { file: pending.fileName })}</p>}
    </section>
  );
  return { importText, prompt };
}
