import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi, ArchiveApi } from '../../src-main/common/api';
import type { AnnotationColour } from '../../src-main/common/annotations';
import { wrapTextSpans } from '../lib/text-spans';
import { SaveDocumentEpubButton } from '../epub/SaveEpubButton';
import { AnnotationPanel, Toast } from './AnnotationPanel';
import { sanitizeDocumentHtml } from '../lib/sanitize';
import { prepareDocumentDom, findAnchorTarget } from '../lib/document-dom';
import { createWordMatcher, highlightSubstring, highlightWords } from '../lib/highlight';
import { TEXT_SIZES } from '../lib/preferences';
import { FindBar } from './FindBar';
import { useMarkCursor } from '../reader/use-mark-cursor';
import { useDocument } from '../reader/use-document';
import { useReaderNotes, type EditorFocus } from '../reader/use-reader-notes';
import { useSelectionToolbar } from '../reader/use-selection-toolbar';
import { ReaderToolbar } from '../reader/ReaderToolbar';
import { CiteButton } from '../citations/CiteButton';
import { DocumentHeader } from '../reader/DocumentHeader';
import { SelectionToolbar } from '../reader/SelectionToolbar';
import { AnnotationsOffNotice } from '../reader/AnnotationsOffNotice';
import { extendSelectionByKey, goToAnchor } from '../reader/body-events';
import { TableOfContents } from '../reader/TableOfContents';
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

export function Reader(props: ReaderProps) {
  const { api, id, terms, phrases, notesApi, focusAnnotationId } = props;
  const { t } = useTranslation();
  const load = useDocument(api, id, t);
  const [findOpen, setFindOpen] = useState(false);
  const [findText, setFindText] = useState('');
  const bodyRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const hits = useMarkCursor();
  const finds = useMarkCursor();
  const notes = useReaderNotes(notesApi, id, focusAnnotationId, t);
  const markById = useRef<Map<string, HTMLElement>>(new Map());
  const document = load.state === 'ready' ? load.document : null;
  const selection = useSelectionToolbar(bodyRef, scrollRef, document?.text ?? null, notesApi !== null);
  const { hide: hideToolbar } = selection;
  const outline = useOutline(bodyRef, scrollRef, document);
  // Open beside the text on a wide screen; on a phone it waits behind its button (a sheet over the text).
  const [tocOpen, setTocOpen] = useState(isWideScreen);

  useEffect(() => {
    hideToolbar();
  }, [id, focusAnnotationId, hideToolbar]);
  // Ctrl/Cmd+F (a new request number) opens the find bar.
  const [findRequestSeen, setFindRequestSeen] = useState(props.findRequest);
  if (findRequestSeen !== props.findRequest) {
    setFindRequestSeen(props.findRequest);
    if (props.findRequest > 0) setFindOpen(true);
  }
  useEffect(() => {
    if (document) window.document.title = `${document.title} — ${t('app.title')}`;
  }, [document, t]);

  // Rebuilt from the stored HTML whenever what is highlighted changes: simpler and safer
  // than unwrapping old marks, and documents are small enough for it to be instant.
  const termsKey = JSON.stringify([terms, phrases]);
  // Sanitised once per document: the rebuilds below (notes arriving, a selection, the find bar)
  // clone this fragment instead of running DOMPurify over the whole document again.
  const sanitized = useMemo(() => (document ? sanitizeDocumentHtml(document.html) : null), [document]);
  const { notes: annotations, selectedId } = notes;
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body || !document || !sanitized) return;
    body.replaceChildren(sanitized.cloneNode(true));
    prepareDocumentDom(body, (assetId) => api.assetUrl(assetId), t);
    const matcher = createWordMatcher(terms, phrases);
    hits.reset(matcher ? highlightWords(body, matcher, 'hit') : []);
    finds.reset(findOpen && findText.trim() !== '' ? highlightSubstring(body, findText, 'find') : []);
    markById.current = wrapTextSpans(
      body,
      document.text,
      annotations.flatMap((annotation) =>
        annotation.target && annotation.state !== 'orphaned'
          ? [
              {
                id: annotation.id,
                start: annotation.target.position.start,
                end: annotation.target.position.end,
                className: `annotation colour-${annotation.colour}${annotation.id === selectedId ? ' selected' : ''}`,
              },
            ]
          : [],
      ),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- termsKey stands for terms and phrases
  }, [document, sanitized, termsKey, findOpen, findText, api, t, hits.reset, finds.reset, annotations, selectedId]);

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
  }, [focusAnnotationId, annotations, document]);

  const { create } = notes;
  const createAt = useCallback(
    (span: { start: number; end: number }, colour: AnnotationColour, openEditor: false | EditorFocus) =>
      create(span, colour, openEditor, () => {
        window.getSelection()?.removeAllRanges();
        hideToolbar();
      }),
    [create, hideToolbar],
  );

  // Keyboard path: select with Shift+arrows (caret browsing) or the mouse, then Ctrl/Cmd+Shift+H
  // (highlight) or Ctrl/Cmd+Shift+L (highlight and type its tags, like the toolbar's Tags button).
  const { currentSpan } = selection;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key !== 'h' && key !== 'l') return;
      const span = currentSpan();
      if (!span) return;
      event.preventDefault();
      void createAt(span, 'yellow', key === 'l' ? 'tags' : false);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [currentSpan, createAt]);

  const onBodyClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!(event.target instanceof Element)) return;
    const mark = event.target.closest<HTMLElement>('mark.annotation');
    const link = event.target.closest('a');
    if (mark && !link && window.getSelection()?.isCollapsed !== false) {
      notes.open(mark.dataset.annotationId ?? null);
      return;
    }
    if (!link || !bodyRef.current?.contains(link)) return;
    // No link in a document ever navigates the page itself.
    event.preventDefault();
    const href = link.getAttribute('href') ?? '';
    const docId = link.dataset.docId;
    if (docId) props.onOpenDocument(docId);
    else if (href.startsWith('#')) {
      const target = findAnchorTarget(bodyRef.current, href);
      if (target) goToAnchor(target);
    } else if (/^(https?|mailto):/i.test(href)) props.onOpenExternal(href);
  };

  const textSize = { '--reader-size': `${TEXT_SIZES[props.textSizeIndex] ?? 1.125}rem` } as CSSProperties;
  const { toolbar } = selection;
  const { toast } = notes;
  const undo = toast?.undo;

  return (
    <section className="reader" aria-label={t('reader.landmark')}>
      <ReaderToolbar
        backLabel={props.backLabel}
        onBackToResults={props.onBackToResults}
        hits={hits}
        textSizeIndex={props.textSizeIndex}
        onTextSizeIndexChange={props.onTextSizeIndexChange}
        onFind={() => {
          setFindOpen(true);
        }}
        extraActions={
          <>
            {outline.entries.length > 0 && (
              <button
                type="button"
                className="button"
                aria-expanded={tocOpen}
                aria-controls="reader-toc"
                data-testid="toc-toggle"
                onClick={() => {
                  setTocOpen((open) => !open);
                }}
              >
                {t('collect.toc')}
              </button>
            )}
            {props.extraActions}
            {document && <CiteButton api={api} documentId={id} title={document.title} />}
            {document && (
              <SaveDocumentEpubButton api={api} notesApi={notesApi} documentId={id} title={document.title} />
            )}
          </>
        }
      />
      {findOpen && (
        <FindBar
          value={findText}
          onChange={setFindText}
          current={finds.current + 1}
          total={finds.count}
          onNext={() => {
            finds.go(1);
          }}
          onPrevious={() => {
            finds.go(-1);
          }}
          onClose={() => {
            setFindOpen(false);
          }}
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
          {load.state === 'loading' && <p className="reader-status">{t('reader.loading')}</p>}
          {load.state === 'missing' && (
            <p className="reader-status" role="alert">
              {t('reader.notFound')}
            </p>
          )}
          {load.state === 'error' && (
            <p className="reader-status" role="alert">
              {load.message}
            </p>
          )}
          {document && (
            <article className="document" style={textSize} lang="es">
              <DocumentHeader document={document} />
              <div
                className="document-body"
                ref={bodyRef}
                tabIndex={0}
                onClick={onBodyClick}
                onKeyDown={(event) => {
                  extendSelectionByKey(event, bodyRef.current);
                }}
                onMouseUp={selection.update}
                onKeyUp={selection.update}
                onAuxClick={(event) => {
                  event.preventDefault();
                }}
              />
            </article>
          )}
        </div>
        {notesApi && document && (
          <AnnotationPanel
            annotations={annotations}
            selectedId={selectedId}
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
        )}
      </div>
      {toast && (
        <Toast
          message={toast.message}
          onDismiss={notes.dismissToast}
          {...(undo ? { action: t('notes.undo'), onAction: () => void notes.undoDelete(undo) } : {})}
        />
      )}
    </section>
  );
}
