import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import { Dialog } from './Dialog';
import { describeError } from '../lib/errors';
import { formatNumber } from '../lib/format';
import { useLoaded } from '../lib/use-loaded';

interface AboutDialogProps {
  open: boolean;
  api: ArchiveApi;
  onClose: () => void;
}

export function AboutDialog({ open, api, onClose }: AboutDialogProps) {
  const { t, i18n } = useTranslation();
  // Asked each time the dialog opens; the last answer stays shown while the next one comes.
  const loaded = useLoaded(useMemo(() => (open ? () => api.corpusInfo() : null), [open, api]));
  const info = loaded.latest ?? null;
  const error = loaded.state === 'error' ? describeError(loaded.error, t) : null;
  const language = i18n.language;
  const buildDate = info
    ? new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(info.buildDate))
    : '';
  return (
    <Dialog
      open={open}
      title={t('about.title')}
      onClose={onClose}
      actions={
        <button type="button" className="button button-primary" autoFocus onClick={onClose}>
          {t('about.close')}
        </button>
      }
    >
      {error && <p role="alert">{error}</p>}
      <dl className="about-list">
        <dt>{t('about.appVersion')}</dt>
        <dd data-testid="about-app-version">{__APP_VERSION__}</dd>
        {info && (
          <>
            <dt>{t('about.corpus')}</dt>
            <dd data-testid="about-corpus-name">{info.name}</dd>
            <dt>{t('about.corpusVersion')}</dt>
            <dd>{info.version}</dd>
            <dt>{t('about.buildDate')}</dt>
            <dd>{buildDate}</dd>
            <dt>{t('about.documents')}</dt>
            <dd data-testid="about-document-count">{formatNumber(info.documentCount, language)}</dd>
          </>
        )}
      </dl>
      <p className="about-offline">{t('about.offline')}</p>
    </Dialog>
  );
}
