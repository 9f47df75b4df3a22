import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Route } from '../lib/route';

interface ViewSwitchProps {
  view: Route['view'];
  notesShown: boolean;
  onGo: (view: 'search' | 'notes' | 'archives' | 'collections') => void;
}

/** Library, Notes and Collections (where annotations are on) and Archives. */
// Memoised: an answer re-renders the app; the switch changes only with the view.
export const ViewSwitch = memo(function ViewSwitch({ view, notesShown, onGo }: ViewSwitchProps) {
  const { t } = useTranslation();
  const link = (target: 'search' | 'notes' | 'archives' | 'collections', label: string, testId?: string) => (
    <a
      href={`#${target}`}
      aria-current={view === target || (target === 'collections' && view === 'collection') ? 'page' : undefined}
      data-testid={testId}
      onClick={(event) => {
        event.preventDefault();
        onGo(target);
      }}
    >
      {label}
    </a>
  );
  return (
    <nav className="view-switch" aria-label={t('notes.view')}>
      {link('search', t('search.libraryHeading'))}
      {notesShown && link('notes', t('notes.view'), 'notes-link')}
      {notesShown && link('collections', t('collect.view'), 'collections-link')}
      {link('archives', t('library.view'), 'archives-link')}
    </nav>
  );
});
