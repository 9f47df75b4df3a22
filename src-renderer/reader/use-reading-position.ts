import { useEffect, useRef, type RefObject } from 'react';
import type { AnnotationsApi } from '../../src-main/common/api';
import type { DocumentRecord } from '../../src-main/common/types';
import { passageAtTop, scrollToPassage, type TextPassage } from './reading-position';

/** At most one save this often while the reader scrolls, the last place included. */
const SAVE_DELAY_MS = 300;
/**
 * After restoring, the passage is held at the top this long while images above it load and
 * grow, unless the reader scrolls, taps or types first.
 */
const HOLD_MS = 4000;

interface ReadingPositionOptions {
  notesApi: AnnotationsApi | null;
  /** The user turned reading positions on; when off nothing is read or written. */
  enabled: boolean;
  document: DocumentRecord | null;
  bodyRef: RefObject<HTMLElement | null>;
  scrollRef: RefObject<HTMLElement | null>;
  /** Opened at an annotation: that passage wins over the remembered one. */
  focusAnnotationId: string | null;
}

/**
 * Brings the reader back to where the user left a document (on return, reload, back/forward)
 * and remembers where they are as they scroll. Nothing is saved until the remembered position
 * has been restored, so opening a document never overwrites its place with its top.
 */
export function useReadingPosition(options: ReadingPositionOptions): void {
  const { notesApi, enabled, document, bodyRef, scrollRef, focusAnnotationId } = options;
  const restoring = useRef(true);

  useEffect(() => {
    restoring.current = true;
    if (!notesApi || !enabled || !document) return;
    let current = true;
    const scroller = scrollRef.current;
    const restore = focusAnnotationId ? Promise.resolve(null) : notesApi.readingPosition(document.id).catch(() => null);
    let release = () => {
      restoring.current = false;
    };
    void restore.then((position) => {
      if (!current) return;
      const body = bodyRef.current;
      if (!position || !body || !scroller || !scrollToPassage(body, scroller, document.text, position)) {
        release();
        return;
      }
      release = holdPassage(
        body,
        scroller,
        () => scrollToPassage(body, scroller, document.text, position),
        () => {
          restoring.current = false;
        },
      );
    });

    let latest: TextPassage | null = null;
    let timer: number | undefined;
    const save = () => {
      timer = undefined;
      if (!latest) return;
      void notesApi
        .saveReadingPosition({ documentId: document.id, title: document.title, ...latest })
        .catch(() => undefined); // A lost position is not worth an error over the text.
    };
    const onScroll = () => {
      const body = bodyRef.current;
      if (restoring.current || !body || !scroller) return;
      latest = passageAtTop(body, scroller, document.text);
      timer ??= window.setTimeout(save, SAVE_DELAY_MS);
    };
    // A reload or a closed tab runs no React cleanup: save what is pending as the page goes.
    const onPageHide = () => {
      if (timer === undefined) return;
      window.clearTimeout(timer);
      save();
    };
    scroller?.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('pagehide', onPageHide);
    return () => {
      current = false;
      release();
      scroller?.removeEventListener('scroll', onScroll);
      window.removeEventListener('pagehide', onPageHide);
      // Leaving within the pause: keep the place the reader reached.
      if (timer !== undefined) {
        window.clearTimeout(timer);
        save();
      }
    };
  }, [notesApi, enabled, document, bodyRef, scrollRef, focusAnnotationId]);
}

/**
 * Keeps the restored passage at the top while the body changes size (lazy images loading above
 * it), until the reader acts or `HOLD_MS` pass; then calls `done`. Returns a function that ends
 * the hold early.
 */
function holdPassage(body: HTMLElement, scroller: HTMLElement, reapply: () => void, done: () => void): () => void {
  let held = true;
  const observer = new ResizeObserver(() => {
    if (held) reapply();
  });
  observer.observe(body);
  const end = () => {
    if (!held) return;
    held = false;
    observer.disconnect();
    window.clearTimeout(timer);
    for (const type of USER_ACTIONS) scroller.removeEventListener(type, end);
    done();
  };
  const timer = window.setTimeout(end, HOLD_MS);
  for (const type of USER_ACTIONS) scroller.addEventListener(type, end, { passive: true });
  return end;
}

const USER_ACTIONS = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
