import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { currentSectionIndex, goToHeading, headingsOf, readOutline, type OutlineEntry } from './document-outline';

/** Scroll events this soon after a jump are the jump's own, not the reader's. */
const JUMP_SETTLE_MS = 200;

export interface Outline {
  entries: OutlineEntry[];
  /** Index of the section in view, -1 above the first heading. */
  current: number;
  go(index: number): void;
}

/**
 * The document's headings and which one is being read, following the scroll. `revision`
 * changes whenever the reader rebuilt the body (a new document, new marks).
 */
export function useOutline(
  bodyRef: RefObject<HTMLElement | null>,
  scrollRef: RefObject<HTMLElement | null>,
  revision: unknown,
): Outline {
  const [entries, setEntries] = useState<OutlineEntry[]>([]);
  const [current, setCurrent] = useState(-1);
  // A chosen heading near the end cannot always reach the top (the text ends first): the
  // choice stays marked until the reader scrolls on their own.
  const jumpedAt = useRef(0);

  useEffect(() => {
    const body = bodyRef.current;
    const scroller = scrollRef.current;
    if (!body || !scroller) {
      setEntries([]);
      return;
    }
    setEntries(readOutline(body));
    let frame = 0;
    const update = () => {
      frame = 0;
      if (performance.now() - jumpedAt.current < JUMP_SETTLE_MS) return;
      setCurrent(currentSectionIndex(headingsOf(body), scroller));
    };
    update();
    // One measurement per frame at most, however fast the scroll events come.
    const onScroll = () => {
      if (frame === 0) frame = window.requestAnimationFrame(update);
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      if (frame !== 0) window.cancelAnimationFrame(frame);
    };
  }, [bodyRef, scrollRef, revision]);

  const go = useCallback(
    (index: number) => {
      const body = bodyRef.current;
      const heading = body ? headingsOf(body)[index] : undefined;
      if (!heading) return;
      jumpedAt.current = performance.now();
      goToHeading(heading);
      setCurrent(index);
    },
    [bodyRef],
  );
  return { entries, current, go };
}
