import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi, ArchiveApi } from '../../src-main/common/api';
import type { AnnotationColour } from '../../src-main/common/annotations';
import { SaveDocumentEpubButton } from '../epub/SaveEpubButton';
import { FindBar } from './FindBar';
import { useDocument } from '../reader/use-document';
import { useDocumentBody } from '../reader/use-document-body';
import { useFindBar } from '../reader/use-find-bar';
import { useHighlightShortcuts } from '../reader/use-highlight-shortcuts';
import { useReaderNotes, type EditorFocus } from '../reader/use-reader-notes';
import { useSelectionToolbar, type TextSpan } from '../reader/use-selection-toolbar';
import { ReaderToolbar } from '../reader/ReaderToolbar';
import { CiteButton } from '../citations/CiteButton';
import { DocumentArticle } from '../reader/DocumentArticle';
import { ReaderStatus } from '../reader/ReaderStatus';
import { ReaderAnnotationPanel, ReaderNotesToast } from '../reader/ReaderAnnotations';
import { SelectionToolbar } from '../reader/SelectionToolbar';
import { AnnotationsOffNotice } from '../reader/AnnotationsOffNotice';
import { followBodyClick } from '../reader/body-events';
import { TableOfContents, TableOfContentsToggle } from '../reader/TableOfContents';
import { useOutline } from '../reader/use-outline';
import { isWideScreen } from '../reader/wide-screen';
import { useReadingPosition } from '../reader/use-reading-position';

interface ReaderProps {
  api: ArchiveApi;
  id: string;
  terms: string[];
  phrases: string[];
  textSizeIndex: number;
  onTextSizeIndexChange: (index: number) => void;
  onOpenDocument: (id: string) => void;
  onOpenExternal: (url: string) => void;
  onBackToResults: () => void;
  backLabel: string;
  /** Bumped by the app when Ctrl/Cmd+F (or the Electron menu's Find) asks for the find bar. */
  findRequest: number;
  /** The user's annotations; null when this transport offers none (the panel is then hidden). */
  notesApi: AnnotationsApi | null;
  /** True once it is known that this page has no annotations (a shared server): the reader says so once. */
  annotationsOff?: boolean;
  /** Annotation to scroll to and open (from the Notes view). */
  focusAnnotationId: string | null;
  /** The user turned reading positions on: restore and remember where this document was left. */
  rememberReading?: boolean;
  /** More toolbar actions for this document (placed before Print). */
  extraActions?: ReactNode;
}

/**
 * One document: its toolbar, find bar and table of contents, its text with the search's hits
 * and the user's highlights, and the panel of its annotations. The text's rendering, the find
 * bar, the notes and the selection each live in a hook of their own (src-renderer/reader).
 */
export function Reader(props: ReaderProps) {
  const { api, id, notesApi, focusAnnotationId } = props;
  const { t } = useTranslation();
  const load = useDocument(api, id, t);
  const find = useFindBar(props.findRequest);
  const bodyRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const notes = useReaderNotes(notesApi, id, focusAnnotationId, t);
  const document = load.state === 'ready' ? load.document : null;
  const selection = useSelectionToolbar(bodyRef, scrollRef, document?.text ?? null, notesApi !== null);
  const { hide: hideToolbar, currentSpan, toolbar } = selection;
  const outline = useOutline(bodyRef, scrollRef, document);
  // Open beside the text on a wide screen; on a phone it waits behind its button (a sheet over the text).
  const [tocOpen, setTocOpen] = useState(isWideScreen);
  const { hits, finds, markById } = useDocumentBody({
    api,
    bodyRef,
    document,
    terms: props.terms,
    phrases: props.phrases,
    find,
    annotations: notes.notes,
    selectedId: notes.selectedId,
    t,
  });

  useEffect(() => {
    hideToolbar();
  }, [id, focusAnnotationId, hideToolbar]);
  useEffect(() => {
    if (document) window.document.title = `${document.title} — ${t('app.title')}`;
  }, [document, t]);
  // A new document starts at its top, with focus on its text (a screen reader starts reading
  // there; Shift+arrows select from there), unless the Notes view asked for one passage.
  useEffect(() => {
    if (!document) return;
    scrollRef.current?.scrollTo({ top: 0 });
    if (!focusAnnotationId) bodyRef.current?.focus({ preventScroll: true });
  }, [document, focusAnnotationId]);
  // After the reset to the top above: a remembered place (when the user keeps them) wins.
  useReadingPosition({
    notesApi,
    enabled: props.rememberReading === true,
    document,
    bodyRef,
    scrollRef,
    focusAnnotationId,
  });
  // Opened from the Notes view at a passage: bring it into view once it is marked.
  useEffect(() => {
    if (focusAnnotationId) markById.current.get(focusAnnotationId)?.scrollIntoView({ block: 'center' });
  }, [focusAnnotationId, notes.notes, document, markById]);

  const { create } = notes;
  const createAt = useCallback(
    (span: TextSpan, colour: AnnotationColour, openEditor: false | EditorFocus) =>
      create(span, colour, openEditor, () => {
        window.getSelection()?.removeAllRanges();
        hideToolbar();
      }),
    [create, hideToolbar],
  );
  useHighlightShortcuts(currentSpan, createAt);

  return (
    <section className="reader" aria-label={t('reader.landmark')}>
      <ReaderToolbar
        backLabel={props.backLabel}
        onBackToResults={props.onBackToResults}
        hits={hits}
        textSizeIndex={props.textSizeIndex}
        onTextSizeIndexChange={props.onTextSizeIndexChange}
        onFind={find.show}
        extraActions={
          <>
            {outline.entries.length > 0 && (
              <TableOfContentsToggle
                open={tocOpen}
                onToggle={() => {
                  setTocOpen((open) => !open);
                }}
              />
            )}
            {props.extraActions}
            {document && <CiteButton api={api} documentId={id} title={document.title} />}
            {document && (
              <SaveDocumentEpubButton api={api} notesApi={notesApi} documentId={id} title={document.title} />
            )}
          </>
        }
      />
      {find.open && (
        <FindBar
          value={find.text}
          onChange={find.setText}
          current={finds.current + 1}
          total={finds.count}
          onNext={() => {
            finds.go(1);
          }}
          onPrevious={() => {
            finds.go(-1);
          }}
          onClose={find.close}
          focusToken={props.findRequest}
        />
      )}
      <div className="reader-columns">
        {tocOpen && outline.entries.length > 0 && (
          <TableOfContents
            id="reader-toc"
            outline={outline}
            onClose={() => {
              setTocOpen(false);
            }}
            onChosen={() => {
              if (!isWideScreen()) setTocOpen(false);
            }}
          />
        )}
        <div className="reader-scroll" ref={scrollRef}>
          {toolbar && notesApi && (
            <SelectionToolbar
              toolbar={toolbar}
              onCreate={(colour, editor) => void createAt(toolbar.span, colour, editor)}
            />
          )}
          {props.annotationsOff && <AnnotationsOffNotice />}
          <ReaderStatus load={load} />
          {document && (
            <DocumentArticle
              document={document}
              bodyRef={bodyRef}
              textSizeIndex={props.textSizeIndex}
              onBodyClick={(event) => {
                followBodyClick(event, bodyRef.current, {
                  openAnnotation: notes.open,
                  openDocument: props.onOpenDocument,
                  openExternal: props.onOpenExternal,
                });
              }}
              onSelectionChange={selection.update}
            />
          )}
        </div>
        {notesApi && document && <ReaderAnnotationPanel notes={notes} markById={markById} currentSpan={currentSpan} />}
      </div>
      <ReaderNotesToast notes={notes} />
    </section>
  );
}
