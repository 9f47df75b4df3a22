import { useCallback, useRef, useState } from 'react';

/** Cycles through a list of marks, making one `current` and scrolling it into the middle of the reader. */
export function useMarkCursor() {
  const marks = useRef<HTMLElement[]>([]);
  const currentIndex = useRef(-1);
  const [count, setCount] = useState(0);
  const [current, setCurrent] = useState(-1);
  /**
   * New marks for the body just drawn. `samePlaces` says they mark the same passages as before
   * (the body was drawn again for another reason: notes arriving, a selection): the reader's place
   * among them is kept instead of starting over, without scrolling.
   */
  const reset = useCallback((next: HTMLElement[], samePlaces = false) => {
    marks.current = next;
    const kept = samePlaces && currentIndex.current < next.length ? currentIndex.current : -1;
    next[kept]?.classList.add('current');
    currentIndex.current = kept;
    setCount(next.length);
    setCurrent(kept);
  }, []);
  const go = useCallback((step: 1 | -1) => {
    const list = marks.current;
    if (list.length === 0) return;
    const index = currentIndex.current;
    const next = index < 0 ? (step === 1 ? 0 : list.length - 1) : (index + step + list.length) % list.length;
    list[index]?.classList.remove('current');
    const mark = list[next];
    mark?.classList.add('current');
    mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    currentIndex.current = next;
    setCurrent(next);
  }, []);
  return { count, current, reset, go };
}

export type MarkCursor = ReturnType<typeof useMarkCursor>;
