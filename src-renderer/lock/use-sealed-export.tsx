import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_PASSPHRASE_PAIR, PassphraseFields, type PassphrasePair } from './PassphraseFields';

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
  const [pair, setPair] = useState<PassphrasePair>(EMPTY_PASSPHRASE_PAIR);

  const choice = (): SealedExportChoice => {
    if (!sealed) return { ok: true };
    if (pair.first === '') return { ok: false, message: t('sealed.exportEmpty') };
    if (pair.first !== pair.second) return { ok: false, message: t('sealed.exportMismatch') };
    return { ok: true, passphrase: pair.first };
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
        <PassphraseFields
          pair={pair}
          onChange={setPair}
          label={t('sealed.exportPassphrase')}
          repeatLabel={t('sealed.exportRepeat')}
          autoComplete="new-password"
          hint={t('sealed.exportHint')}
        />
      )}
    </div>
  );
  return { fields, choice };
}
