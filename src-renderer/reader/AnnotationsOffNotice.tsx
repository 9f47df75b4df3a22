import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { annotationsOffNoticeSeen, markAnnotationsOffNoticeSeen } from '../lib/preferences';

/**
 * On a shared page (a phone on the hotspot) nobody's highlights and notes are offered: the
 * reader says so once, in a line, and never again after it is dismissed.
 */
export function AnnotationsOffNotice() {
  const { t } = useTranslation();
  const [shown, setShown] = useState(() => !annotationsOffNoticeSeen());
  if (!shown) return null;
  return (
    <div className="reader-note" role="note" data-testid="annotations-off">
      <span>{t('reader.annotationsOff')}</span>
      <button
        type="button"
        className="button button-quiet"
        onClick={() => {
          markAnnotationsOffNoticeSeen();
          setShown(false);
        }}
      >
        {t('reader.understood')}
      </button>
    </div>
  );
}
