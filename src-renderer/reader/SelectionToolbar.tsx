import { useTranslation } from 'react-i18next';
import type { AnnotationColour } from '../../src-main/common/annotations';
import { COLOURS } from '../components/AnnotationEditor';
import type { EditorFocus } from './use-reader-notes';
import type { SelectionToolbarState } from './use-selection-toolbar';

interface SelectionToolbarProps {
  toolbar: SelectionToolbarState;
  onCreate: (colour: AnnotationColour, openEditor: false | EditorFocus) => void;
}

/** Highlight colours, Note and Tags for the text selected in the document. */
export function SelectionToolbar({ toolbar, onCreate }: SelectionToolbarProps) {
  const { t } = useTranslation();
  return (
    <div
      className="selection-toolbar"
      role="toolbar"
      aria-label={t('notes.toolbar')}
      style={{ top: toolbar.top, left: toolbar.left }}
      data-testid="selection-toolbar"
      // Keeps the selection alive while a button is pressed (mouse and finger alike).
      onMouseDown={(event) => {
        event.preventDefault();
      }}
    >
      {COLOURS.map((colour) => (
        <button
          key={colour}
          type="button"
          className={`swatch-button colour-${colour}`}
          aria-label={t('notes.highlightIn', { colour: t(`notes.colourName.${colour}`) })}
          title={t('notes.highlightIn', { colour: t(`notes.colourName.${colour}`) })}
          onClick={() => {
            onCreate(colour, false);
          }}
        />
      ))}
      <button
        type="button"
        className="button"
        onClick={() => {
          onCreate('yellow', 'note');
        }}
      >
        {t('notes.note')}
      </button>
      <button
        type="button"
        className="button"
        title={`${t('notes.tags')} (Ctrl+Shift+L)`}
        onClick={() => {
          onCreate('yellow', 'tags');
        }}
      >
        {t('notes.tags')}
      </button>
    </div>
  );
}
