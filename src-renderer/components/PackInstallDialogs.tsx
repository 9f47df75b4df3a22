import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryState } from '../lib/use-library';
import { ConfirmDialog } from './ConfirmDialog';
import { formatBuildDate } from './LibraryView';

/**
 * Asks before an unsigned pack, or one signed by a key the installer does not know, is
 * installed: shows what the pack is and the key's fingerprint to compare aloud with the publisher.
 */
// Memoised, as DowngradeDialog: the library state is one object per change, and the app re-renders on every answer.
export const PublisherDialog = memo(function PublisherDialog({ library }: { library: LibraryState }) {
  const { t, i18n } = useTranslation();
  const pending = library.pendingPublisher;
  const unsigned = pending?.publisher.signature === 'unsigned';
  const facts = pending
    ? {
        name: pending.offered.name,
        version: pending.offered.version,
        date: formatBuildDate(pending.offered.buildDate, i18n.language),
      }
    : null;
  return (
    <ConfirmDialog
      open={pending !== null}
      title={unsigned ? t('library.publisherTitleUnsigned') : t('library.publisherTitleUnknown')}
      cancelLabel={t('library.cancel')}
      confirmLabel={t('library.publisherConfirm')}
      confirmTestId="confirm-publisher"
      onAnswer={(confirmed) => {
        library.answerPublisher(confirmed);
      }}
    >
      {pending && facts && unsigned && <p>{t('library.publisherBodyUnsigned', facts)}</p>}
      {pending && facts && !unsigned && (
        <>
          <p>{t('library.publisherBodyUnknown', facts)}</p>
          {pending.publisher.fingerprint ? (
            <p className="publisher-fingerprint-large" data-testid="publisher-fingerprint">
              {pending.publisher.fingerprint}
            </p>
          ) : (
            <p>{t('library.publisherNoFingerprint', { keyId: pending.publisher.keyId ?? '?' })}</p>
          )}
        </>
      )}
    </ConfirmDialog>
  );
});

/** Asks before an older version replaces a newer one, showing both. */
export const DowngradeDialog = memo(function DowngradeDialog({ library }: { library: LibraryState }) {
  const { t, i18n } = useTranslation();
  const pending = library.pendingDowngrade;
  return (
    <ConfirmDialog
      open={pending !== null}
      title={t('library.downgradeTitle')}
      cancelLabel={t('library.cancel')}
      confirmLabel={t('library.downgradeConfirm', { offered: pending?.offered.version ?? '' })}
      confirmTestId="confirm-downgrade"
      onAnswer={(confirmed) => {
        library.answerDowngrade(confirmed);
      }}
    >
      {pending && (
        <p>
          {t('library.downgradeBody', {
            name: pending.installed.name,
            installed: pending.installed.version,
            installedDate: formatBuildDate(pending.installed.buildDate, i18n.language),
            offered: pending.offered.version,
            offeredDate: formatBuildDate(pending.offered.buildDate, i18n.language),
          })}
        </p>
      )}
    </ConfirmDialog>
  );
});
