import type { KeyboardEvent as ReactKeyboardEvent, MouseEvent as ReactMouseEvent } from 'react';
import { findAnchorTarget } from '../lib/document-dom';

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

/** Where a click in the document body can lead. */
export interface BodyClickTargets {
  /** A click on a highlight (not on a link, not ending a selection) opens its annotation. */
  openAnnotation: (id: string | null) => void;
  openDocument: (id: string) => void;
  openExternal: (url: string) => void;
}

/**
 * A click in the document body: a highlight opens its note; a link between documents opens
 * that document, an in-document link scrolls to its anchor, a web or mail link goes out through
 * the app's confirmation. No link in a document ever navigates the page itself.
 */
export function followBodyClick(
  event: ReactMouseEvent<HTMLElement>,
  body: HTMLElement | null,
  targets: BodyClickTargets,
): void {
  if (!(event.target instanceof Element)) return;
  const mark = event.target.closest<HTMLElement>('mark.annotation');
  const link = event.target.closest('a');
  if (mark && !link && window.getSelection()?.isCollapsed !== false) {
    targets.openAnnotation(mark.dataset.annotationId ?? null);
    return;
  }
  if (!link || !body?.contains(link)) return;
  event.preventDefault();
  const href = link.getAttribute('href') ?? '';
  const docId = link.dataset.docId;
  if (docId) targets.openDocument(docId);
  else if (href.startsWith('#')) {
    const target = findAnchorTarget(body, href);
    if (target) goToAnchor(target);
  } else if (/^(https?|mailto):/i.test(href)) targets.openExternal(href);
}
