import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What the export buttons do next: export plainly, seal with this passphrase, or say why not. */
export type SealedExportChoice = { ok: true; passphrase?: string } | { ok: false; message: string };

/**
 * "Encrypt the export with a passphrase" beside the export buttons (issue 17): a checkbox that
 * shows two passphrase fields. The core seals the file (scrypt + AES-256-GCM); the page only
 * collects the passphrase, so this works over plain http where crypto.subtle does not exist.
 */
export function useSealedExport(): { fields: ReactNode; choice: () => SealedExportChoice } {
  const { t } = useTranslation();
  const [sealed, setSealed] = useState(false);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const firstId = useId();
  const secondId = useId();
  const hintId = useId();

  const choice = (): SealedExportChoice => {
    if (!sealed) return { ok: true };
    if (first === '') return { ok: false, message: t('sealed.exportEmpty') };
    if (first !== second) return { ok: false, message: t('sealed.exportMismatch') };
    return { ok: true, passphrase: first };
  };

  const fields = (
    <div className="sealed-export" data-testid="sealed-export">
      <label className="check-row">
        <input
          type="checkbox"
          checked={sealed}
          onChange={(event) => {
            setSealed(event.target.checked);
          }}
        />
        {t('sealed.exportEncrypt')}
      </label>
      {sealed && (
        <>
          <label htmlFor={firstId}>{t('sealed.exportPassphrase')}</label>
          <input
            id={firstId}
            type="password"
            autoComplete="new-password"
            aria-describedby={hintId}
            value={first}
            onChange={(event) => {
              setFirst(event.target.value);
            }}
          />
          <label htmlFor={secondId}>{t('sealed.exportRepeat')}</label>
          <input
            id={secondId}
            type="password"
            autoComplete="new-password"
            value={second}
            onChange={(event) => {
              setSecond(event.target.value);
            }}
          />
          <p id={hintId} className="lock-note">
            {t('sealed.exportHint')}
          </p>
        </>
      )}
    </div>
  );
  return { fields, choice };
}
