import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi } from '../../src-main/common/api';
import { useLoaded } from '../lib/use-loaded';

interface ContinueReadingProps {
  notesApi: AnnotationsApi;
}

/** The home screen's "Continue reading": the documents read last, each a link back to its place. */
export function ContinueReading({ notesApi }: ContinueReadingProps) {
  const { t } = useTranslation();
  // Nothing to continue (or no answer) is shown as nothing.
  const loadRecent = useCallback(() => notesApi.recentReading(), [notesApi]);
  const recent = useLoaded(loadRecent).value ?? [];
  if (recent.length === 0) return null;
  return (
    <section className="continue-reading" aria-labelledby="continue-reading-heading" data-testid="continue-reading">
      <h3 id="continue-reading-heading">{t('collect.continueReading')}</h3>
      <ul>
        {recent.map((position) => (
          <li key={position.documentId}>
            <a href={`#doc/${position.documentId}`}>{position.title}</a>{' '}
            {position.quote.trim() !== '' && (
              <span className="muted">
                {t('collect.continueAt', { quote: position.quote.replace(/\s+/g, ' ').trim().slice(0, 40) })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
