import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { currentSectionIndex, goToHeading, headingsOf, readOutline, type OutlineEntry } from './document-outline';

/** How far (px) the reader must scroll from where a jump left the text before the mark follows the scroll again. */
const OWN_SCROLL_PX = 2;

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
  // A chosen heading near the end cannot always reach the top (the text ends first), and the
  // text may be rebuilt (new marks) or grow (images) after the jump: the choice stays marked until
  // the reader scrolls away from where the jump left the text. This is judged by position, not
  // by time since the jump, so a slow machine that handles the jump's own scroll event late
  // keeps the mark too.
  const jumpedTo = useRef<number | null>(null);

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
      if (jumpedTo.current !== null) {
        if (Math.abs(scroller.scrollTop - jumpedTo.current) < OWN_SCROLL_PX) return;
        jumpedTo.current = null;
      }
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
      goToHeading(heading);
      jumpedTo.current = scrollRef.current?.scrollTop ?? null;
      setCurrent(index);
    },
    [bodyRef, scrollRef],
  );
  return { entries, current, go };
}
