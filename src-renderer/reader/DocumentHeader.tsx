import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentRecord } from '../../src-main/common/types';
import { formatIsoDate, formatNumber } from '../lib/format';

/** The document's metadata above its text (also what a printed copy starts with). */
export function DocumentHeader({ document }: { document: DocumentRecord }) {
  const { t, i18n } = useTranslation();
  return (
    <header className="document-header">
      <span className={`type-badge type-${document.type}`}>{t(`types.${document.type}`)}</span>
      <h2 className="document-title">{document.title}</h2>
      <dl className="document-meta">
        <MetaRow label={t('reader.date')} testId="meta-date">
          {document.date ? (
            <time dateTime={document.date}>{formatIsoDate(document.date, i18n.language)}</time>
          ) : (
            t('reader.undated')
          )}
        </MetaRow>
        <OptionalRow label={t('reader.place')} testId="meta-place" value={document.place} />
        <OptionalRow label={t('reader.authors')} testId="meta-authors" value={document.authors.join(', ')} />
        <OptionalRow label={t('reader.addressee')} testId="meta-addressee" value={document.addressee} />
        <OptionalRow label={t('reader.category')} testId="meta-category" value={document.category} />
        {document.tags.length > 0 && (
          <MetaRow label={t('reader.tags')} testId="meta-tags">
            <ul className="tag-list">
              {document.tags.map((tag) => (
                <li key={tag}>{tag}</li>
              ))}
            </ul>
          </MetaRow>
        )}
        {/* The site's own front-matter fields, labelled with its own keys (issue 21). */}
        {Object.entries(document.extra ?? {}).map(([key, value]) => (
          <MetaRow key={key} label={key} testId="meta-extra">
            {value}
          </MetaRow>
        ))}
      </dl>
      <p className="document-words" data-testid="meta-words">
        {t('reader.words', { formatted: formatNumber(document.words, i18n.language) })}
      </p>
      {document.signatories.length > 0 && (
        <details className="signatories" open={document.signatories.length <= 12}>
          <summary>
            {t('reader.signatories')} ({document.signatories.length})
          </summary>
          <ul data-testid="signatories">
            {document.signatories.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </details>
      )}
    </header>
  );
}

function OptionalRow({ label, testId, value }: { label: string; testId: string; value: string | null | undefined }) {
  return value ? (
    <MetaRow label={label} testId={testId}>
      {value}
    </MetaRow>
  ) : null;
}

function MetaRow({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="meta-row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
