// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useMarkCursor, type MarkCursor } from '../../../src-renderer/reader/use-mark-cursor';

/** React's act() warns unless the environment says it is a test. */
Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

let root: Root;
let cursor: MarkCursor;

function Probe() {
  cursor = useMarkCursor();
  return null;
}

/** Three find marks, as the reader's body holds after "sociedad civil" is found three times. */
function marks(): HTMLElement[] {
  return ['a', 'b', 'c'].map((text) => {
    const mark = document.createElement('mark');
    mark.textContent = text;
    mark.scrollIntoView = () => undefined;
    return mark;
  });
}

beforeEach(async () => {
  root = createRoot(document.createElement('div'));
  await act(async () => {
    root.render(<Probe />);
    await Promise.resolve();
  });
});

afterEach(() => {
  act(() => {
    root.unmount();
  });
});

describe('the reader’s place among its marks', () => {
  it('is kept when the body is drawn again with the same marks (notes arriving after Enter)', () => {
    act(() => {
      cursor.reset(marks());
    });
    act(() => {
      cursor.go(1);
      cursor.go(1);
    });
    expect(cursor.current).toBe(1);
    const redrawn = marks();
    act(() => {
      cursor.reset(redrawn, true);
    });
    expect(cursor.current).toBe(1);
    expect(cursor.count).toBe(3);
    expect(redrawn[1]?.classList.contains('current')).toBe(true);
    act(() => {
      cursor.go(1);
    });
    expect(cursor.current).toBe(2);
    expect(redrawn[1]?.classList.contains('current')).toBe(false);
  });

  it('starts over when the marks stand for something else (a new find text)', () => {
    act(() => {
      cursor.reset(marks());
      cursor.go(1);
    });
    expect(cursor.current).toBe(0);
    const other = marks().slice(0, 2);
    act(() => {
      cursor.reset(other);
    });
    expect(cursor.current).toBe(-1);
    expect(other.some((mark) => mark.classList.contains('current'))).toBe(false);
  });

  it('starts over when the kept place no longer exists', () => {
    act(() => {
      cursor.reset(marks());
      cursor.go(-1);
    });
    expect(cursor.current).toBe(2);
    act(() => {
      cursor.reset(marks().slice(0, 1), true);
    });
    expect(cursor.current).toBe(-1);
  });
});
