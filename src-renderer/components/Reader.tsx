import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi, ArchiveApi } from '../../src-main/common/api';
import { SaveDocumentEpubButton } from '../epub/SaveEpubButton';
import type { Annotation, AnnotationChanges, AnnotationColour } from '../../src-main/common/annotations';
import { selectionToTextSpan, wrapTextSpans } from '../lib/text-spans';
import { AnnotationPanel, Toast } from './AnnotationPanel';
import { COLOURS } from './AnnotationEditor';
import type { DocumentRecord } from '../../src-main/common/types';
import { sanitizeDocumentHtml } from '../lib/sanitize';
import { prepareDocumentDom, findAnchorTarget } from '../lib/document-dom';
import { createWordMatcher, highlightSubstring, highlightWords } from '../lib/highlight';
import { describeError } from '../lib/errors';
import { isWriteFault } from '../lib/write-fault';
import { formatIsoDate, formatNumber } from '../lib/format';
import { TEXT_SIZES } from '../lib/preferences';
import { FindBar } from './FindBar';

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
  /** Annotation to scroll to and open (from the Notes view). */
  focusAnnotationId: string | null;
}

type TextSpan = { start: number; end: number };

type LoadState =
  | { state: 'loading' }
  | { state: 'ready'; document: DocumentRecord }
  | { state: 'missing' }
  | { state: 'error'; message: string };

/** Cycles through a list of marks, making one `current` and scrolling it into the middle of the reader. */
function useMarkCursor() {
  const marks = useRef<HTMLElement[]>([]);
  const [count, setCount] = useState(0);
  const [current, setCurrent] = useState(-1);
  const reset = useCallback((next: HTMLElement[]) => {
    marks.current = next;
    setCount(next.length);
    setCurrent(-1);
  }, []);
  const go = useCallback((step: 1 | -1) => {
    const list = marks.current;
    if (list.length === 0) return;
    setCurrent((index) => {
      const next = index < 0 ? (step === 1 ? 0 : list.length - 1) : (index + step + list.length) % list.length;
      list[index]?.classList.remove('current');
      const mark = list[next];
      mark?.classList.add('current');
      mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return next;
    });
  }, []);
  return { count, current, reset, go };
}

export function Reader(props: ReaderProps) {
  const { api, id, terms, phrases } = props;
  const { t, i18n } = useTranslation();
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  const [findOpen, setFindOpen] = useState(false);
  const [findText, setFindText] = useState('');
  const bodyRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const hits = useMarkCursor();
  const finds = useMarkCursor();
  const { notesApi, focusAnnotationId } = props;
  const [notes, setNotes] = useState<Annotation[]>([]);
  const [notesError, setNotesError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** Which field the editor focuses when it opens: the Tags button and Ctrl/Cmd+Shift+L go to the tags. */
  const [editorFocus, setEditorFocus] = useState<'note' | 'tags'>('note');
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const [toolbar, setToolbar] = useState<{ top: number; left: number; span: TextSpan } | null>(null);
  const [toast, setToast] = useState<{ message: string; undo?: Annotation } | null>(null);
  const markById = useRef<Map<string, HTMLElement>>(new Map());

  // Declared before the notes' effect so the document, what the reader waits for, is asked first.
  useEffect(() => {
    let current = true;
    setLoad({ state: 'loading' });
    api.getDocument(id).then(
      (document) => current && setLoad(document ? { state: 'ready', document } : { state: 'missing' }),
      (error: unknown) => current && setLoad({ state: 'error', message: describeError(error, t) }),
    );
    return () => {
      current = false;
    };
  }, [api, id, t]);

  const reloadNotes = useCallback(async () => {
    if (!notesApi) return;
    try {
      const listed = await notesApi.listAnnotations(id);
      // An unchanged empty list keeps its identity: a new [] would rebuild the document body.
      setNotes((previous) => (listed.length === 0 && previous.length === 0 ? previous : listed));
      const all = await notesApi.searchAnnotations({ limit: 1000 });
      setKnownTags([...new Set(all.flatMap((annotation) => annotation.tags))].sort((a, b) => a.localeCompare(b)));
      setNotesError(null);
    } catch (error) {
      setNotesError(describeError(error, t));
    }
  }, [notesApi, id, t]);
  useEffect(() => {
    setNotes((previous) => (previous.length === 0 ? previous : []));
    setSelectedId(focusAnnotationId);
    setToolbar(null);
    void reloadNotes();
  }, [reloadNotes, focusAnnotationId]);

  useEffect(() => {
    if (props.findRequest > 0) setFindOpen(true);
  }, [props.findRequest]);

  const document = load.state === 'ready' ? load.document : null;
  useEffect(() => {
    if (document) window.document.title = `${document.title} — ${t('app.title')}`;
  }, [document, t]);

  // Rebuilt from the stored HTML whenever what is highlighted changes: simpler and safer
  // than unwrapping old marks, and documents are small enough for it to be instant.
  const termsKey = JSON.stringify([terms, phrases]);
  // Sanitised once per document: the rebuilds below (notes arriving, a selection, the find bar)
  // clone this fragment instead of running DOMPurify over the whole document again.
  const sanitized = useMemo(() => (document ? sanitizeDocumentHtml(document.html) : null), [document]);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body || !document || !sanitized) return;
    body.replaceChildren(sanitized.cloneNode(true));
    prepareDocumentDom(body, (assetId) => api.assetUrl(assetId), t);
    const matcher = createWordMatcher(terms, phrases);
    hits.reset(matcher ? highlightWords(body, matcher, 'hit') : []);
    finds.reset(findOpen && findText.trim() !== '' ? highlightSubstring(body, findText, 'find') : []);
    const placed = notes.filter((annotation) => annotation.target !== null && annotation.state !== 'orphaned');
    markById.current = wrapTextSpans(
      body,
      document.text,
      placed.map((annotation) => ({
        id: annotation.id,
        start: annotation.target!.position.start,
        end: annotation.target!.position.end,
        className: `annotation colour-${annotation.colour}${annotation.id === selectedId ? ' selected' : ''}`,
      })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- termsKey stands for terms and phrases
  }, [document, sanitized, termsKey, findOpen, findText, api, t, hits.reset, finds.reset, notes, selectedId]);

  // Opened from the Notes view at a passage: bring it into view once it is marked.
  useEffect(() => {
    if (focusAnnotationId) markById.current.get(focusAnnotationId)?.scrollIntoView({ block: 'center' });
  }, [focusAnnotationId, notes, document]);

  const currentSelectionSpan = useCallback((): TextSpan | null => {
    const body = bodyRef.current;
    if (!body || !document) return null;
    return selectionToTextSpan(body, window.getSelection(), document.text);
  }, [document]);

  const updateToolbar = () => {
    const span = currentSelectionSpan();
    const selection = window.getSelection();
    const scroller = scrollRef.current;
    if (!span || !selection || selection.rangeCount === 0 || !scroller) {
      setToolbar(null);
      return;
    }
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    const host = scroller.getBoundingClientRect();
    setToolbar({
      top: Math.max(0, rect.top - host.top + scroller.scrollTop - 48),
      left: Math.max(8, rect.left - host.left + rect.width / 2 - 130),
      span,
    });
  };

  const createAt = useCallback(
    async (span: TextSpan, colour: AnnotationColour, openEditor: false | 'note' | 'tags') => {
      if (!notesApi) return;
      try {
        const created = await notesApi.createAnnotation({ documentId: id, start: span.start, end: span.end, colour });
        window.getSelection()?.removeAllRanges();
        setToolbar(null);
        await reloadNotes();
        if (openEditor) {
          setEditorFocus(openEditor);
          setSelectedId(created.id);
        }
      } catch (error) {
        setNotesError(describeError(error, t));
      }
    },
    [notesApi, id, reloadNotes, t],
  );

  // Keyboard path: select with Shift+arrows (caret browsing) or the mouse, then Ctrl/Cmd+Shift+H
  // (highlight) or Ctrl/Cmd+Shift+L (highlight and type its tags, like the toolbar's Tags button).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key !== 'h' && key !== 'l') return;
      const span = currentSelectionSpan();
      if (!span) return;
      event.preventDefault();
      void createAt(span, 'yellow', key === 'l' ? 'tags' : false);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [currentSelectionSpan, createAt]);

  const saveNote = async (annotation: Annotation, changes: AnnotationChanges) => {
    if (!notesApi) return;
    try {
      await notesApi.updateAnnotation(annotation.id, changes);
      await reloadNotes();
      setToast({ message: t('notes.saved') });
    } catch (error) {
      // The editor is left as it is (its text is not reloaded): the user can retry the save.
      setNotesError(
        isWriteFault(error) ? `${describeError(error, t)} ${t('notes.keptForRetry')}` : describeError(error, t),
      );
    }
  };
  const deleteNote = async (annotation: Annotation) => {
    if (!notesApi) return;
    try {
      await notesApi.deleteAnnotation(annotation.id);
      setSelectedId(null);
      await reloadNotes();
      setToast({ message: t('notes.deleted'), undo: annotation });
    } catch (error) {
      setNotesError(describeError(error, t));
    }
  };
  /** Undo brings back THE SAME annotation (id, times, note, tags, colour), not a copy. */
  const undoDelete = async (annotation: Annotation) => {
    if (!notesApi) return;
    setToast(null);
    try {
      const restored = await notesApi.restoreAnnotation(annotation);
      await reloadNotes();
      setSelectedId(restored.id);
    } catch (error) {
      setNotesError(describeError(error, t));
    }
  };
  const addDocumentNote = async () => {
    if (!notesApi) return;
    try {
      const created = await notesApi.createAnnotation({ documentId: id, motivation: 'commenting' });
      await reloadNotes();
      setSelectedId(created.id);
    } catch (error) {
      setNotesError(describeError(error, t));
    }
  };
  const reattach = async (annotation: Annotation) => {
    if (!notesApi) return;
    const span = currentSelectionSpan();
    if (!span) {
      setNotesError(t('notes.reattachHint'));
      return;
    }
    try {
      await notesApi.moveAnnotation(annotation.id, span);
      await reloadNotes();
    } catch (error) {
      setNotesError(describeError(error, t));
    }
  };

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [document]);

  /**
   * Keyboard selection in the document (browsers move no caret through text that is not
   * editable unless caret browsing is on): with the body focused, Shift+arrows extend the
   * selection by character (Ctrl/Alt: by word; up/down: by line) from where it is, or from the
   * start of the text. Then Ctrl/Cmd+Shift+H or L annotates it, like a mouse selection.
   */
  const onBodyKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (!event.shiftKey || !event.key.startsWith('Arrow') || event.metaKey) return;
    const body = bodyRef.current;
    const selection = window.getSelection();
    if (!body || !selection) return;
    if (selection.rangeCount === 0 || !body.contains(selection.anchorNode)) selection.collapse(body, 0);
    event.preventDefault();
    const direction = event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? 'backward' : 'forward';
    const granularity =
      event.key === 'ArrowUp' || event.key === 'ArrowDown'
        ? 'line'
        : event.ctrlKey || event.altKey
          ? 'word'
          : 'character';
    selection.modify('extend', direction, granularity);
  };

  const onBodyClick = (event: MouseEvent<HTMLDivElement>) => {
    const mark = (event.target as Element).closest<HTMLElement>('mark.annotation');
    const link = (event.target as Element).closest('a');
    if (mark && !link && window.getSelection()?.isCollapsed !== false) {
      setEditorFocus('note');
      setSelectedId(mark.dataset.annotationId ?? null);
      return;
    }
    if (!link || !bodyRef.current?.contains(link)) return;
    // No link in a document ever navigates the page itself.
    event.preventDefault();
    const href = link.getAttribute('href') ?? '';
    const docId = link.dataset.docId;
    if (docId) {
      props.onOpenDocument(docId);
    } else if (href.startsWith('#')) {
      const target = findAnchorTarget(bodyRef.current, href);
      if (target) {
        target.scrollIntoView({ block: 'center', behavior: 'smooth' });
        target.classList.add('anchor-target');
        window.setTimeout(() => target.classList.remove('anchor-target'), 1600);
        // Footnote definitions and references become focusable so keyboard users land there too.
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: true });
      }
    } else if (/^(https?|mailto):/i.test(href)) {
      props.onOpenExternal(href);
    }
  };

  const sizeIndex = props.textSizeIndex;
  const textSize = { '--reader-size': `${TEXT_SIZES[sizeIndex] ?? 1.125}rem` } as CSSProperties;

  return (
    <main className="reader" aria-label={t('reader.landmark')}>
      <div className="reader-toolbar" role="toolbar" aria-label={t('reader.landmark')}>
        <button
          type="button"
          className="button button-icon"
          aria-label={t('reader.back')}
          title={`${t('reader.back')} (Alt+←)`}
          onClick={() => window.history.back()}
        >
          ←
        </button>
        <button
          type="button"
          className="button button-icon"
          aria-label={t('reader.forward')}
          title={`${t('reader.forward')} (Alt+→)`}
          onClick={() => window.history.forward()}
        >
          →
        </button>
        <button type="button" className="button" onClick={props.onBackToResults} title={`${props.backLabel} (Esc)`}>
          {props.backLabel}
        </button>
        <span className="toolbar-spacer" />
        {hits.count > 0 && (
          <div className="hit-nav" role="group" aria-label={t('reader.hits')}>
            <button
              type="button"
              className="button button-icon"
              aria-label={t('reader.previousHit')}
              title={t('reader.previousHit')}
              onClick={() => hits.go(-1)}
            >
              ↑
            </button>
            <span className="hit-counter" data-testid="hit-counter" aria-live="polite">
              {t('reader.hitCounter', { current: hits.current >= 0 ? hits.current + 1 : '–', total: hits.count })}
            </span>
            <button
              type="button"
              className="button button-icon"
              aria-label={t('reader.nextHit')}
              title={t('reader.nextHit')}
              onClick={() => hits.go(1)}
            >
              ↓
            </button>
          </div>
        )}
        <div className="text-size" role="group">
          <button
            type="button"
            className="button button-icon"
            aria-label={t('reader.textSmaller')}
            title={t('reader.textSmaller')}
            disabled={sizeIndex <= 0}
            onClick={() => props.onTextSizeIndexChange(sizeIndex - 1)}
          >
            A−
          </button>
          <button
            type="button"
            className="button button-icon"
            aria-label={t('reader.textLarger')}
            title={t('reader.textLarger')}
            disabled={sizeIndex >= TEXT_SIZES.length - 1}
            onClick={() => props.onTextSizeIndexChange(sizeIndex + 1)}
          >
            A+
          </button>
        </div>
        <button
          type="button"
          className="button"
          aria-label={t('reader.find')}
          title={`${t('reader.find')} (Ctrl+F)`}
          onClick={() => setFindOpen(true)}
        >
          {t('reader.findShort')}
        </button>
        {load.state === 'ready' && (
          <SaveDocumentEpubButton api={api} notesApi={notesApi} documentId={id} title={load.document.title} />
        )}
      </div>
      {findOpen && (
        <FindBar
          value={findText}
          onChange={setFindText}
          current={finds.current + 1}
          total={finds.count}
          onNext={() => finds.go(1)}
          onPrevious={() => finds.go(-1)}
          onClose={() => setFindOpen(false)}
          focusToken={props.findRequest}
        />
      )}
      <div className="reader-columns">
        <div className="reader-scroll" ref={scrollRef}>
          {toolbar && notesApi && (
            <div
              className="selection-toolbar"
              role="toolbar"
              aria-label={t('notes.toolbar')}
              style={{ top: toolbar.top, left: toolbar.left }}
              data-testid="selection-toolbar"
              onMouseDown={(event) => event.preventDefault()}
            >
              {COLOURS.map((colour) => (
                <button
                  key={colour}
                  type="button"
                  className={`swatch-button colour-${colour}`}
                  aria-label={t('notes.highlightIn', { colour: t(`notes.colourName.${colour}`) })}
                  title={t('notes.highlightIn', { colour: t(`notes.colourName.${colour}`) })}
                  onClick={() => void createAt(toolbar.span, colour, false)}
                />
              ))}
              <button type="button" className="button" onClick={() => void createAt(toolbar.span, 'yellow', 'note')}>
                {t('notes.note')}
              </button>
              <button
                type="button"
                className="button"
                title={`${t('notes.tags')} (Ctrl+Shift+L)`}
                onClick={() => void createAt(toolbar.span, 'yellow', 'tags')}
              >
                {t('notes.tags')}
              </button>
            </div>
          )}
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
              <header className="document-header">
                <span className={`type-badge type-${document.type}`}>{t(`types.${document.type}`)}</span>
                <h2 className="document-title">{document.title}</h2>
                <dl className="document-meta">
                  <MetaRow label={t('reader.date')} testId="meta-date">
                    {document.date ? (
                      <time dateTime={document.date}>{formatIsoDate(document.date, i18n.language)}</time>
                    ) : (
                      t('reader.undated')
                    )}
                  </MetaRow>
                  {document.place && (
                    <MetaRow label={t('reader.place')} testId="meta-place">
                      {document.place}
                    </MetaRow>
                  )}
                  {document.authors.length > 0 && (
                    <MetaRow label={t('reader.authors')} testId="meta-authors">
                      {document.authors.join(', ')}
                    </MetaRow>
                  )}
                  {document.addressee && (
                    <MetaRow label={t('reader.addressee')} testId="meta-addressee">
                      {document.addressee}
                    </MetaRow>
                  )}
                  {document.category && (
                    <MetaRow label={t('reader.category')} testId="meta-category">
                      {document.category}
                    </MetaRow>
                  )}
                  {document.tags.length > 0 && (
                    <MetaRow label={t('reader.tags')} testId="meta-tags">
                      <ul className="tag-list">
                        {document.tags.map((tag) => (
                          <li key={tag}>{tag}</li>
                        ))}
                      </ul>
                    </MetaRow>
                  )}
                </dl>
                <p className="document-words" data-testid="meta-words">
                  {t('reader.words', { formatted: formatNumber(document.words, i18n.language) })}
                </p>
                {document.signatories.length > 0 && (
                  <details className="signatories" open={document.signatories.length <= 12}>
                    <summary>
                      {t('reader.signatories')} ({document.signatories.length})
                    </summary>
                    <ul data-testid="signatories">
                      {document.signatories.map((name) => (
                        <li key={name}>{name}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </header>
              <div
                className="document-body"
                ref={bodyRef}
                tabIndex={0}
                onClick={onBodyClick}
                onKeyDown={onBodyKeyDown}
                onMouseUp={updateToolbar}
                onKeyUp={updateToolbar}
                onAuxClick={(event) => event.preventDefault()}
              />
            </article>
          )}
        </div>
        {notesApi && document && (
          <AnnotationPanel
            annotations={notes}
            selectedId={selectedId}
            editorFocus={editorFocus}
            knownTags={knownTags}
            error={notesError}
            onSelect={(annotation) => {
              setEditorFocus('note');
              setSelectedId(annotation.id);
              markById.current.get(annotation.id)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
            }}
            onAddDocumentNote={() => void addDocumentNote()}
            onSave={(annotation, changes) => void saveNote(annotation, changes)}
            onDelete={(annotation) => void deleteNote(annotation)}
            onReattach={(annotation) => void reattach(annotation)}
            onClose={() => setSelectedId(null)}
          />
        )}
      </div>
      {toast && (
        <Toast
          message={toast.message}
          onDismiss={() => setToast(null)}
          {...(toast.undo ? { action: t('notes.undo'), onAction: () => void undoDelete(toast.undo!) } : {})}
        />
      )}
    </main>
  );
}

function MetaRow({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="meta-row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
