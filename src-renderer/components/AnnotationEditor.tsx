import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, AnnotationChanges, AnnotationColour } from '../../src-main/common/annotations';

/** The five colours, in the order the toolbar and the editor show them (a literal: the renderer imports only types). */
export const COLOURS: readonly AnnotationColour[] = ['yellow', 'green', 'blue', 'pink', 'purple'];

export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    ),
  ];
}

interface EditorProps {
  annotation: Annotation;
  knownTags: readonly string[];
  /** Which field has the focus when the editor opens (the toolbar's Tags button asks for the tags). */
  focusField?: 'note' | 'tags';
  onSave: (changes: AnnotationChanges) => void;
  onDelete: () => void;
  onClose: () => void;
  /** Shown for an orphan: re-attach it to the passage selected now. */
  onReattach?: () => void;
}

/** Note editor of one annotation: multi-line note, tags with suggestions from existing tags, colour, delete. */
export function AnnotationEditor({
  annotation,
  knownTags,
  focusField = 'note',
  onSave,
  onDelete,
  onClose,
  onReattach,
}: EditorProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState(annotation.note);
  const [tags, setTags] = useState(annotation.tags.join(', '));
  const [colour, setColour] = useState<AnnotationColour>(annotation.colour);
  // Another annotation (or a newer copy of this one) resets the fields, during render as React
  // recommends for state derived from a prop, so no frame shows the old values.
  const [shown, setShown] = useState(annotation);
  if (shown !== annotation) {
    setShown(annotation);
    setNote(annotation.note);
    setTags(annotation.tags.join(', '));
    setColour(annotation.colour);
  }
  // Suggest completions of the tag being typed (the text after the last comma).
  const typed = tags.split(',');
  const current = (typed[typed.length - 1] ?? '').trim().toLowerCase();
  const chosen = new Set(parseTags(tags));
  const suggestions = knownTags
    .filter((tag) => !chosen.has(tag) && (current === '' || tag.toLowerCase().startsWith(current)))
    .slice(0, 8);
  const listId = `tag-suggestions-${annotation.id}`;
  return (
    <form
      className="annotation-editor"
      aria-label={t('notes.noteLabel')}
      data-testid="annotation-editor"
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ note, tags: parseTags(tags), colour });
      }}
    >
      {annotation.target && <blockquote className="annotation-quote">{annotation.target.quote.exact}</blockquote>}
      <label className="field">
        <span>{t('notes.noteLabel')}</span>
        <textarea
          value={note}
          rows={5}
          onChange={(event) => setNote(event.target.value)}
          data-testid="note-input"
          autoFocus={focusField === 'note'}
        />
      </label>
      <label className="field">
        <span>{t('notes.tagsLabel')}</span>
        <input
          type="text"
          value={tags}
          list={listId}
          onChange={(event) => setTags(event.target.value)}
          data-testid="tags-input"
          autoComplete="off"
          autoFocus={focusField === 'tags'}
        />
        <datalist id={listId}>
          {suggestions.map((tag) => (
            <option
              key={tag}
              value={[
                ...typed
                  .slice(0, -1)
                  .map((part) => part.trim())
                  .filter(Boolean),
                tag,
              ].join(', ')}
            />
          ))}
        </datalist>
      </label>
      <fieldset className="colour-choice">
        <legend>{t('notes.colour')}</legend>
        {COLOURS.map((name) => (
          <label key={name} className={`swatch colour-${name}`} title={t(`notes.colourName.${name}`)}>
            <input
              type="radio"
              name={`colour-${annotation.id}`}
              value={name}
              checked={colour === name}
              onChange={() => setColour(name)}
            />
            <span className="visually-hidden">{t(`notes.colourName.${name}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="editor-actions">
        <button type="submit" className="button button-primary">
          {t('notes.save')}
        </button>
        {onReattach && (
          <button type="button" className="button" onClick={onReattach}>
            {t('notes.reattach')}
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          {t('notes.close')}
        </button>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-danger" onClick={onDelete}>
          {t('notes.delete')}
        </button>
      </div>
    </form>
  );
}
