import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/**
 * Keyboard selection in the document (browsers move no caret through text that is not
 * editable unless caret browsing is on): with the body focused, Shift+arrows extend the
 * selection by character (Ctrl/Alt: by word; up/down: by line) from where it is, or from the
 * start of the text. Then Ctrl/Cmd+Shift+H or L annotates it, like a mouse selection.
 */
export function extendSelectionByKey(event: ReactKeyboardEvent<HTMLElement>, body: HTMLElement | null): void {
  if (!event.shiftKey || !event.key.startsWith('Arrow') || event.metaKey) return;
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
}

/** Scrolls to an in-document anchor (a footnote or its reference), flashes it and moves focus there. */
export function goToAnchor(target: HTMLElement): void {
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  target.classList.add('anchor-target');
  window.setTimeout(() => {
    target.classList.remove('anchor-target');
  }, 1600);
  // Footnote definitions and references become focusable so keyboard users land there too.
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}
