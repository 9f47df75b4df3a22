import { useTranslation } from 'react-i18next';
import type { LoadState } from './use-document';

/** What the reader says while its document is not there: loading, not found, or why it failed. */
export function ReaderStatus({ load }: { load: LoadState }) {
  const { t } = useTranslation();
  if (load.state === 'loading') return <p className="reader-status">{t('reader.loading')}</p>;
  if (load.state === 'ready') return null;
  return (
    <p className="reader-status" role="alert">
      {load.state === 'missing' ? t('reader.notFound') : load.message}
    </p>
  );
}
