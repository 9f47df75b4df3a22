import { useCallback, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import type { AnnotationsApi } from '../../src-main/common/api';
import type { Annotation, AnnotationChanges, AnnotationColour } from '../../src-main/common/annotations';
import { describeError } from '../lib/errors';
import { isWriteFault } from '../lib/write-fault';
import { tagsInUse } from '../lib/annotation-tags';
import { useLoaded } from '../lib/use-loaded';
import type { TextSpan } from './use-selection-toolbar';

const NO_NOTES: Annotation[] = [];
const NO_TAGS: string[] = [];

export type EditorFocus = 'note' | 'tags';

/**
 * The reader's annotations of one document: the list, which one is open in the editor, the
 * known tags for completion, the last error and the undo toast, with every action on them.
 * Does nothing when the transport offers no annotations (`notesApi` null).
 */
export function useReaderNotes(
  notesApi: AnnotationsApi | null,
  id: string,
  focusAnnotationId: string | null,
  t: TFunction,
) {
  // Asked again for another document (a new id reads as none at once, so another document's notes
  // never show, not even for a frame) and when another passage is asked for.
  const listing = useLoaded(
    useMemo(() => (notesApi ? () => fetchNotes(notesApi, id) : null), [notesApi, id]),
    focusAnnotationId,
  );
  const fresh = listing.value?.fresh ?? NO_NOTES;
  // An empty list keeps its identity: a new [] would rebuild the document body.
  const notes = fresh.length === 0 ? NO_NOTES : fresh;
  const knownTags = listing.latest?.tags ?? NO_TAGS;
  const [actionError, setError] = useState<string | null>(null);
  // The action that failed last is the news; after a reload, the list's own failure (if any).
  const error = actionError ?? (listing.state === 'error' ? describeError(listing.error, t) : null);
  const [selectedId, setSelectedId] = useState<string | null>(focusAnnotationId);
  // Another document or another passage asked for: the editor opens on that passage (or closes).
  const openedFor = `${id}\u0000${focusAnnotationId ?? ''}`;
  const [selectionFor, setSelectionFor] = useState(openedFor);
  if (selectionFor !== openedFor) {
    setSelectionFor(openedFor);
    setSelectedId(focusAnnotationId);
    setError(null);
  }
  /** Which field the editor focuses when it opens: the Tags button and Ctrl/Cmd+Shift+L go to the tags. */
  const [editorFocus, setEditorFocus] = useState<EditorFocus>('note');
  const [toast, setToast] = useState<{ message: string; undo?: Annotation } | null>(null);

  /** Reads the list again after a change; a failure shows as the listing's error, success clears the last one. */
  const { reload: reloadListing } = listing;
  const reload = useCallback(async () => {
    await reloadListing();
    setError(null);
  }, [reloadListing]);

  /** Runs one call; any failure lands in the panel's error line. */
  const attempt = useCallback(
    async (action: (api: AnnotationsApi) => Promise<void>) => {
      if (!notesApi) return;
      try {
        await action(notesApi);
      } catch (caught) {
        setError(describeError(caught, t));
      }
    },
    [notesApi, t],
  );

  const open = useCallback((annotationId: string | null, focus: EditorFocus = 'note') => {
    setEditorFocus(focus);
    setSelectedId(annotationId);
  }, []);

  const create = useCallback(
    (span: TextSpan, colour: AnnotationColour, openEditor: false | EditorFocus, onCreated?: () => void) =>
      attempt(async (api) => {
        const created = await api.createAnnotation({ documentId: id, start: span.start, end: span.end, colour });
        onCreated?.();
        await reload();
        if (openEditor) open(created.id, openEditor);
      }),
    [attempt, id, reload, open],
  );

  const save = async (annotation: Annotation, changes: AnnotationChanges) => {
    if (!notesApi) return;
    try {
      await notesApi.updateAnnotation(annotation.id, changes);
      await reload();
      setToast({ message: t('notes.saved') });
    } catch (caught) {
      // The editor is left as it is (its text is not reloaded): the user can retry the save.
      setError(
        isWriteFault(caught) ? `${describeError(caught, t)} ${t('notes.keptForRetry')}` : describeError(caught, t),
      );
    }
  };
  const remove = (annotation: Annotation) =>
    attempt(async (api) => {
      await api.deleteAnnotation(annotation.id);
      setSelectedId(null);
      await reload();
      setToast({ message: t('notes.deleted'), undo: annotation });
    });
  /** Undo brings back THE SAME annotation (id, times, note, tags, colour), not a copy. */
  const undoDelete = (annotation: Annotation) => {
    setToast(null);
    return attempt(async (api) => {
      const restored = await api.restoreAnnotation(annotation);
      await reload();
      setSelectedId(restored.id);
    });
  };
  const addDocumentNote = () =>
    attempt(async (api) => {
      const created = await api.createAnnotation({ documentId: id, motivation: 'commenting' });
      await reload();
      setSelectedId(created.id);
    });
  const reattach = (annotation: Annotation, span: TextSpan | null) => {
    if (!span) {
      setError(t('notes.reattachHint'));
      return Promise.resolve();
    }
    return attempt(async (api) => {
      await api.moveAnnotation(annotation.id, span);
      await reload();
    });
  };

  return {
    notes,
    error,
    selectedId,
    editorFocus,
    knownTags,
    toast,
    dismissToast: () => {
      setToast(null);
    },
    open,
    create,
    save,
    remove,
    undoDelete,
    addDocumentNote,
    reattach,
  };
}

/** The document's annotations and every tag in use (for the editor's completion). */
async function fetchNotes(api: AnnotationsApi, documentId: string): Promise<{ fresh: Annotation[]; tags: string[] }> {
  const fresh = await api.listAnnotations(documentId);
  const all = await api.searchAnnotations({ limit: 1000 });
  return { fresh, tags: tagsInUse(all) };
}
