import { useTranslation } from 'react-i18next';
import type { SearchResponse } from '../../src-main/common/types';
import { formatNumber } from '../lib/format';

/** The result count, said by screen readers whenever a search answers (the list itself stays silent). */
export function ResultCountAnnouncement({ response, query }: { response: SearchResponse | null; query: string }) {
  const { t, i18n } = useTranslation();
  const total = response?.total ?? 0;
  const formatted = formatNumber(total, i18n.language);
  const announcement = response
    ? query.trim() === ''
      ? t('announce.documents', { count: total, formatted })
      : t('announce.results', { count: total, formatted, query })
    : '';
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="live-count">
      {announcement}
    </p>
  );
}
