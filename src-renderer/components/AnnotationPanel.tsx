import { useTranslation } from 'react-i18next';
import type { Annotation, AnnotationChanges } from '../../src-main/common/annotations';
import { AnnotationEditor } from './AnnotationEditor';

interface PanelProps {
  annotations: readonly Annotation[];
  selectedId: string | null;
  /** Field the editor focuses when it opens (default: the note). */
  editorFocus?: 'note' | 'tags';
  knownTags: readonly string[];
  error: string | null;
  onSelect: (annotation: Annotation) => void;
  onAddDocumentNote: () => void;
  onSave: (annotation: Annotation, changes: AnnotationChanges) => void;
  onDelete: (annotation: Annotation) => void;
  onReattach: (annotation: Annotation) => void;
  onClose: () => void;
}

/**
 * The reader's side panel: the document's annotations in reading order (document-level notes
 * first, as the core lists them), moved ones marked, orphans listed with their quote; the
 * selected one opens in the editor.
 */
export function AnnotationPanel(props: PanelProps) {
  const { t } = useTranslation();
  const placed = props.annotations.filter((annotation) => annotation.state !== 'orphaned');
  const orphans = props.annotations.filter((annotation) => annotation.state === 'orphaned');
  const item = (annotation: Annotation) => (
    <li key={annotation.id} className={`annotation-item colour-${annotation.colour}`}>
      <button
        type="button"
        className="annotation-item-button"
        aria-current={annotation.id === props.selectedId}
        onClick={() => props.onSelect(annotation)}
        data-testid="annotation-item"
      >
        {annotation.target ? (
          <q className="annotation-item-quote">{annotation.target.quote.exact}</q>
        ) : (
          <em>{t('notes.documentNote')}</em>
        )}
        {annotation.state === 'moved' && <span className="state-badge">{t('notes.moved')}</span>}
        {annotation.note !== '' && <span className="annotation-item-note">{annotation.note}</span>}
        {annotation.tags.length > 0 && (
          <span className="annotation-item-tags">{annotation.tags.map((tag) => `#${tag}`).join(' ')}</span>
        )}
      </button>
      {annotation.id === props.selectedId && (
        <AnnotationEditor
          annotation={annotation}
          knownTags={props.knownTags}
          focusField={props.editorFocus ?? 'note'}
          onSave={(changes) => props.onSave(annotation, changes)}
          onDelete={() => props.onDelete(annotation)}
          onClose={props.onClose}
          {...(annotation.state === 'orphaned' ? { onReattach: () => props.onReattach(annotation) } : {})}
        />
      )}
    </li>
  );
  return (
    <aside className="annotation-panel" aria-labelledby="annotation-panel-heading" data-testid="annotation-panel">
      <h2 id="annotation-panel-heading">{t('notes.panel')}</h2>
      <button type="button" className="button" onClick={props.onAddDocumentNote}>
        {t('notes.addDocumentNote')}
      </button>
      {props.error && (
        <p role="alert" className="panel-error">
          {props.error}
        </p>
      )}
      {props.annotations.length === 0 && <p className="panel-hint">{t('notes.panelEmpty')}</p>}
      <ol className="annotation-list">{placed.map(item)}</ol>
      {orphans.length > 0 && (
        <>
          <h3>{t('notes.orphaned')}</h3>
          <p className="panel-hint">{t('notes.reattachHint')}</p>
          <ol className="annotation-list orphans">{orphans.map(item)}</ol>
        </>
      )}
      <p className="panel-hint">{t('notes.shortcut')}</p>
    </aside>
  );
}

/** A short message with an optional action (Undo), announced politely. */
export function Toast({
  message,
  action,
  onAction,
  onDismiss,
}: {
  message: string;
  action?: string;
  onAction?: () => void;
  onDismiss: () => void;
}) {
  return (
    <div className="toast" role="status" data-testid="toast">
      <span>{message}</span>
      {action && onAction && (
        <button type="button" className="button" onClick={onAction}>
          {action}
        </button>
      )}
      <button type="button" className="button button-icon" aria-label="×" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
