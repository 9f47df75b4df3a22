import { useTranslation } from 'react-i18next';
import type { Outline } from './use-outline';

interface TableOfContentsProps {
  id: string;
  outline: Outline;
  onClose: () => void;
  /** After choosing a heading (the phone sheet closes itself so the text shows). */
  onChosen: () => void;
}

/**
 * The document's headings as a list of buttons: a column beside the text on a wide screen, a
 * sheet over the bottom of the text on a phone. Choosing one scrolls its heading to the top and
 * moves focus there; the section being read is marked (`aria-current`) as the reader scrolls.
 */
export function TableOfContents({ id, outline, onClose, onChosen }: TableOfContentsProps) {
  const { t } = useTranslation();
  return (
    <nav
      id={id}
      className="toc"
      aria-labelledby={`${id}-heading`}
      data-testid="toc"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="toc-header">
        <h2 id={`${id}-heading`}>{t('collect.toc')}</h2>
        <button type="button" className="button button-quiet toc-close" onClick={onClose}>
          {t('collect.tocClose')}
        </button>
      </div>
      <ol className="toc-list">
        {outline.entries.map((entry, index) => (
          <li key={index} className={`toc-depth-${Math.min(entry.depth, 4)}`}>
            <button
              type="button"
              className="toc-link"
              aria-current={index === outline.current ? 'location' : undefined}
              onClick={() => {
                outline.go(index);
                onChosen();
              }}
            >
              {entry.text}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The toolbar's button that shows or hides the table of contents. */
export function TableOfContentsToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button"
      aria-expanded={open}
      aria-controls="reader-toc"
      data-testid="toc-toggle"
      onClick={onToggle}
    >
      {t('collect.toc')}
    </button>
  );
}
