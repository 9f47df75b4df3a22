import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * A ref that always holds the last rendered value, for callbacks that must stay stable (memoised
 * children, listeners added once) yet read the current value when they run.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
