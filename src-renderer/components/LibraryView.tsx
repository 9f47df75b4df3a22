import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryArchive } from '../../src-main/common/library';
import { formatIsoDate, formatNumber } from '../lib/format';
import { pickPackFiles } from '../lib/pack-files';
import type { LibraryState } from '../lib/use-library';
import { ConfirmDialog } from './ConfirmDialog';

/** The date part of an ISO timestamp, in the UI language. */
export function formatBuildDate(buildDate: string, language: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(buildDate)?.[0];
  return day ? formatIsoDate(day, language) : buildDate;
}

/**
 * The "Archives" view: every archive of the library (the bundled corpus first, then packs)
 * with name, version, build date, document count, kind and who signed it (a badge, the
 * publisher's name and the key's fingerprint); "Open archive pack…" and, per
 * pack, "Remove" behind a confirmation that says the annotations are kept.
 */
export function LibraryView({ library }: { library: LibraryState }) {
  const { t, i18n } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [removing, setRemoving] = useState<LibraryArchive | null>(null);
  const canInstall = library.installFile !== null;

  const openPack = () => {
    if (library.chooseAndInstall) library.chooseAndInstall();
    else fileInput.current?.click();
  };

  return (
    <section
      className="library-view"
      aria-labelledby="library-heading"
      data-testid="library-view"
      // It scrolls (a wide table on a phone): keyboard users must be able to reach and scroll it.
      tabIndex={0}
    >
      <div className="library-head">
        <h2 id="library-heading">{t('library.heading')}</h2>
        {canInstall && (
          <button type="button" className="button" onClick={openPack} disabled={library.busy} data-testid="open-pack">
            {t('library.openPack')}
          </button>
        )}
        {/* Browser mode: the page picks the file itself (Electron uses the native dialog). */}
        {canInstall && !library.chooseAndInstall && (
          <input
            ref={fileInput}
            type="file"
            accept=".archive,.minisig"
            multiple
            hidden
            data-testid="pack-file-input"
            onChange={(event) => {
              const picked = event.target.files ? pickPackFiles(event.target.files) : null;
              event.target.value = '';
              if (picked) library.installFile?.(picked.pack, picked.signature);
            }}
          />
        )}
      </div>
      <p className="library-intro">{t('library.intro')}</p>
      {canInstall ? (
        <p className="library-hint">{t('library.pickHint')}</p>
      ) : (
        <p className="library-hint">{t('library.notManaged')}</p>
      )}
      {library.busy && (
        <p className="notice" role="status">
          <span className="spinner" aria-hidden="true" /> {t('library.installing')}
        </p>
      )}
      {library.listProblem !== null && (
        <div className="banner banner-error" role="alert" data-testid="library-list-problem">
          <span>{t('library.listFailed', { reason: library.listProblem })}</span>
          <button type="button" className="button" onClick={library.retryList}>
            {t('library.retry')}
          </button>
        </div>
      )}
      <table className="library-table" data-testid="library-table">
        <thead>
          <tr>
            <th scope="col">{t('library.name')}</th>
            <th scope="col">{t('library.version')}</th>
            <th scope="col">{t('library.buildDate')}</th>
            <th scope="col" className="numeric">
              {t('library.documents')}
            </th>
            <th scope="col">{t('library.kind')}</th>
            <th scope="col">{t('library.publisher')}</th>
            {canInstall && (
              <th scope="col">
                <span className="visually-hidden">{t('library.remove')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {library.archives.map((archive) => (
            <tr key={archive.id} data-archive-id={archive.id}>
              <th scope="row">{archive.name}</th>
              <td>{archive.version}</td>
              <td>{formatBuildDate(archive.buildDate, i18n.language)}</td>
              <td className="numeric">{formatNumber(archive.documentCount, i18n.language)}</td>
              <td>{archive.kind === 'bundled' ? t('library.kindBundled') : t('library.kindPack')}</td>
              <td data-testid={`publisher-${archive.id}`}>
                <PublisherCell archive={archive} />
              </td>
              {canInstall && (
                <td>
                  {archive.kind === 'pack' && (
                    <button
                      type="button"
                      className="button button-quiet"
                      disabled={library.busy}
                      onClick={() => setRemoving(archive)}
                      data-testid={`remove-${archive.id}`}
                    >
                      {t('library.remove')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={removing !== null}
        title={t('library.removeTitle', { name: removing?.name ?? '' })}
        cancelLabel={t('library.cancel')}
        confirmLabel={t('library.removeConfirm')}
        confirmTestId="confirm-remove"
        onAnswer={(confirmed) => {
          const target = removing;
          setRemoving(null);
          if (confirmed && target) void library.removeArchive?.(target.id);
        }}
      >
        <p>{t('library.removeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

const SIGNATURE_BADGE = { verified: 'type-article', 'unknown-key': 'type-letter', unsigned: 'type-other' } as const;

/** Who signed a pack: a badge for the state, the pinned publisher's name, the key's fingerprint. */
function PublisherCell({ archive }: { archive: LibraryArchive }) {
  const { t } = useTranslation();
  if (archive.kind === 'bundled') {
    return <span className="type-badge type-other">{t('library.signature.bundled')}</span>;
  }
  const publisher = archive.publisher;
  if (!publisher) return <span className="type-badge type-other">{t('library.signature.unrecorded')}</span>;
  return (
    <>
      <span className={`type-badge ${SIGNATURE_BADGE[publisher.signature]}`} data-signature={publisher.signature}>
        {t(`library.signature.${publisher.signature}`)}
      </span>
      {publisher.name && <span className="publisher-name"> {publisher.name}</span>}
      {publisher.fingerprint && (
        <span className="publisher-fingerprint">
          {t('library.fingerprint', { fingerprint: publisher.fingerprint })}
        </span>
      )}
    </>
  );
}

/** What the last install or removal did (or why a pack was refused), until dismissed. */
export function LibraryMessageBanner({ library }: { library: LibraryState }) {
  const { t } = useTranslation();
  const message = library.message;
  if (!message) return null;
  return (
    <div
      className={message.kind === 'error' ? 'banner banner-error' : 'banner banner-success'}
      role={message.kind === 'error' ? 'alert' : 'status'}
    >
      <span data-testid="library-message">{message.text}</span>
      <button
        type="button"
        className="button button-quiet banner-close"
        onClick={library.dismissMessage}
        aria-label={t('library.close')}
      >
        ×
      </button>
    </div>
  );
}
