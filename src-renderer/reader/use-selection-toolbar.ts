import { useCallback, useEffect, useState, type RefObject } from 'react';
import { selectionToTextSpan } from '../lib/text-spans';

export interface TextSpan {
  start: number;
  end: number;
}

export interface SelectionToolbarState {
  /** Position inside the scroll box (it scrolls with the text). */
  top: number;
  left: number;
  span: TextSpan;
}

/**
 * How long the selection must rest before the toolbar follows it: a finger dragging the
 * selection handles fires `selectionchange` on every step, and the toolbar should not chase it.
 */
const SETTLE_MS = 200;
/** About the toolbar's height plus a gap. */
const TOOLBAR_OFFSET_PX = 52;

/** Touch screens draw their own copy/paste menu above a selection: the toolbar goes below it there. */
function coarsePointer(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches;
}

/**
 * The highlight toolbar's place for the current selection in the document body, or null.
 * Follows the selection however it was made: a mouse drag, Shift+arrows, or a finger (long
 * press and the selection handles), which fires neither mouseup nor keyup, only
 * `selectionchange`; so it listens to that, settled, besides the immediate mouse and key paths.
 */
export function useSelectionToolbar(
  bodyRef: RefObject<HTMLElement | null>,
  scrollRef: RefObject<HTMLElement | null>,
  text: string | null,
  enabled: boolean,
) {
  const [toolbar, setToolbar] = useState<SelectionToolbarState | null>(null);

  const currentSpan = useCallback((): TextSpan | null => {
    const body = bodyRef.current;
    if (!body || text === null) return null;
    return selectionToTextSpan(body, window.getSelection(), text);
  }, [bodyRef, text]);

  const update = useCallback(() => {
    const span = enabled ? currentSpan() : null;
    const selection = window.getSelection();
    const scroller = scrollRef.current;
    if (!span || !selection || selection.rangeCount === 0 || !scroller) {
      setToolbar(null);
      return;
    }
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    const host = scroller.getBoundingClientRect();
    const above = rect.top - host.top + scroller.scrollTop - TOOLBAR_OFFSET_PX;
    const below = rect.bottom - host.top + scroller.scrollTop + 12;
    setToolbar({
      top: Math.max(0, coarsePointer() ? below : above),
      // Kept inside the scroll box: on a 320 px screen a centred toolbar would hang off the edge.
      left: Math.max(8, Math.min(rect.left - host.left + rect.width / 2 - 130, host.width - 280)),
      span,
    });
  }, [currentSpan, enabled, scrollRef]);

  useEffect(() => {
    if (!enabled) return;
    let timer = 0;
    const onSelectionChange = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, SETTLE_MS);
    };
    window.document.addEventListener('selectionchange', onSelectionChange);
    // A selection made while the notes were still opening (or before this document's text was
    // in) gets its toolbar now, without having to be made again.
    onSelectionChange();
    return () => {
      window.clearTimeout(timer);
      window.document.removeEventListener('selectionchange', onSelectionChange);
    };
  }, [enabled, update]);

  return {
    toolbar,
    update,
    hide: useCallback(() => {
      setToolbar(null);
    }, []),
    currentSpan,
  };
}
