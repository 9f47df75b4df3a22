import { memo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageChoice, ThemeChoice } from '../lib/preferences';
import { LANGUAGES, LANGUAGE_NAMES } from '../i18n';
import { QueryHelp } from './QueryHelp';

interface SearchHeaderProps {
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  onQueryChange: (query: string) => void;
  onSubmit: () => void;
  onArrowDown: () => void;
  language: LanguageChoice;
  onLanguageChange: (language: LanguageChoice) => void;
  theme: ThemeChoice;
  onThemeChange: (theme: ThemeChoice) => void;
  onAbout: () => void;
  /** Nothing can be searched (no archive could be opened): a box that answers nothing would mislead. */
  searchDisabled?: boolean;
}

// Memoised: an answer re-renders the app, and the header changes only with what is typed (App keeps its handlers stable).
export const SearchHeader = memo(function SearchHeader({ inputRef, ...props }: SearchHeaderProps) {
  const { t } = useTranslation();
  const [helpOpen, setHelpOpen] = useState(false);
  return (
    <header className="app-header">
      <h1 className="app-title">{t('app.title')}</h1>
      <form
        role="search"
        aria-label={t('search.landmark')}
        className="search-form"
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit();
        }}
      >
        <label htmlFor="search-input" className="visually-hidden">
          {t('search.label')}
        </label>
        <input
          ref={inputRef}
          id="search-input"
          className="search-input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          disabled={props.searchDisabled === true}
          placeholder={t('search.placeholder')}
          value={props.query}
          onChange={(event) => {
            props.onQueryChange(event.target.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              props.onArrowDown();
            }
          }}
        />
        <button
          type="button"
          className="button button-quiet"
          aria-expanded={helpOpen}
          aria-controls="syntax-help"
          onClick={() => {
            setHelpOpen((open) => !open);
          }}
        >
          {t('search.help')}
        </button>
      </form>
      <div className="header-settings">
        <label className="inline-field">
          <span className="visually-hidden">{t('settings.language')}</span>
          <select
            data-testid="language-select"
            value={props.language}
            onChange={(event) => {
              props.onLanguageChange(event.target.value === 'en' ? 'en' : 'es');
            }}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span className="visually-hidden">{t('settings.theme')}</span>
          <select
            data-testid="theme-select"
            value={props.theme}
            onChange={(event) => {
              const value = event.target.value;
              props.onThemeChange(value === 'light' || value === 'dark' ? value : 'system');
            }}
          >
            <option value="system">{t('settings.themeSystem')}</option>
            <option value="light">{t('settings.themeLight')}</option>
            <option value="dark">{t('settings.themeDark')}</option>
          </select>
        </label>
        <button type="button" className="button button-quiet" onClick={props.onAbout}>
          {t('settings.about')}
        </button>
      </div>
      {helpOpen && (
        <div className="syntax-popover">
          <QueryHelp id="syntax-help" headingLevel={2} />
        </div>
      )}
    </header>
  );
});
