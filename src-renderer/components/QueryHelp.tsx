import { useTranslation } from 'react-i18next';

const SYNTAX_KEYS = ['words', 'or', 'phrase', 'required', 'excluded', 'field', 'wildcard', 'fuzzy'] as const;

/** The query language at a glance: shown with "no results" and from the help button. */
export function QueryHelp({ id, headingLevel = 3 }: { id?: string; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const { t } = useTranslation();
  return (
    <section className="query-help" id={id} aria-label={t('syntax.title')}>
      <Heading>{t('syntax.title')}</Heading>
      <ul>
        {SYNTAX_KEYS.map((key) => (
          <li key={key}>{t(`syntax.${key}`)}</li>
        ))}
      </ul>
    </section>
  );
}
