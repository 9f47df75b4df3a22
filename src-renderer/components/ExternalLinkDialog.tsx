import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

interface ExternalLinkDialogProps {
  url: string | null;
  onAnswer: (open: boolean) => void;
}

/** Shows the exact URL before anything leaves the archive (browser mode; Electron asks in its main process). */
export function ExternalLinkDialog({ url, onAnswer }: ExternalLinkDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={url !== null}
      title={t('external.title')}
      onClose={() => onAnswer(false)}
      actions={
        <>
          <button type="button" className="button" autoFocus onClick={() => onAnswer(false)}>
            {t('external.cancel')}
          </button>
          <button type="button" className="button button-primary" onClick={() => onAnswer(true)}>
            {t('external.open')}
          </button>
        </>
      }
    >
      <p>{t('external.body')}</p>
      <p className="external-url" data-testid="external-url">
        {url}
      </p>
    </Dialog>
  );
}
