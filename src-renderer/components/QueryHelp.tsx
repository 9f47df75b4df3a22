import { useTranslation } from 'react-i18next';

const SYNTAX_KEYS = ['words', 'phrase', 'required', 'excluded', 'field', 'wildcard', 'fuzzy'] as const;

/** The query language at a glance: shown with "no results" and from the help button. */
export function QueryHelp({ id }: { id?: string }) {
  const { t } = useTranslation();
  return (
    <section className="query-help" id={id} aria-label={t('syntax.title')}>
      <h3>{t('syntax.title')}</h3>
      <ul>
        {SYNTAX_KEYS.map((key) => (
          <li key={key}>{t(`syntax.${key}`)}</li>
        ))}
      </ul>
    </section>
  );
}
