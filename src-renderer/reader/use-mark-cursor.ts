import { useCallback, useRef, useState } from 'react';

/** Cycles through a list of marks, making one `current` and scrolling it into the middle of the reader. */
export function useMarkCursor() {
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

export type MarkCursor = ReturnType<typeof useMarkCursor>;
