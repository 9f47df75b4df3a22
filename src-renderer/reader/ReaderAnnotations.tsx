import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { AnnotationPanel, Toast } from '../components/AnnotationPanel';
import type { useReaderNotes } from './use-reader-notes';
import type { TextSpan } from './use-selection-toolbar';

type ReaderNotes = ReturnType<typeof useReaderNotes>;

interface ReaderAnnotationPanelProps {
  notes: ReaderNotes;
  /** Each annotation's mark in the text, to bring the chosen one into view. */
  markById: RefObject<Map<string, HTMLElement>>;
  /** The passage selected now, where an orphaned annotation is attached again. */
  currentSpan: () => TextSpan | null;
}

/** The side panel of the document's annotations, wired to the reader's notes and its text. */
export function ReaderAnnotationPanel({ notes, markById, currentSpan }: ReaderAnnotationPanelProps) {
  return (
    <AnnotationPanel
      annotations={notes.notes}
      selectedId={notes.selectedId}
      editorFocus={notes.editorFocus}
      knownTags={notes.knownTags}
      error={notes.error}
      onSelect={(annotation) => {
        notes.open(annotation.id);
        markById.current.get(annotation.id)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      }}
      onAddDocumentNote={() => void notes.addDocumentNote()}
      onSave={(annotation, changes) => void notes.save(annotation, changes)}
      onDelete={(annotation) => void notes.remove(annotation)}
      onReattach={(annotation) => void notes.reattach(annotation, currentSpan())}
      onClose={() => {
        notes.open(null);
      }}
    />
  );
}

/** What an action on the notes just did (a deletion offers its undo). */
export function ReaderNotesToast({ notes }: { notes: ReaderNotes }) {
  const { t } = useTranslation();
  const { toast } = notes;
  if (!toast) return null;
  const undo = toast.undo;
  return (
    <Toast
      message={toast.message}
      onDismiss={notes.dismissToast}
      {...(undo ? { action: t('notes.undo'), onAction: () => void notes.undoDelete(undo) } : {})}
    />
  );
}
