import { useEffect } from 'react';
import type { AnnotationColour } from '../../src-main/common/annotations';
import type { EditorFocus } from './use-reader-notes';
import type { TextSpan } from './use-selection-toolbar';

/**
 * Keyboard path to a highlight: select with Shift+arrows (caret browsing) or the mouse, then
 * Ctrl/Cmd+Shift+H (highlight) or Ctrl/Cmd+Shift+L (highlight and type its tags, like the
 * toolbar's Tags button).
 */
export function useHighlightShortcuts(
  currentSpan: () => TextSpan | null,
  createAt: (span: TextSpan, colour: AnnotationColour, openEditor: false | EditorFocus) => Promise<unknown>,
): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key !== 'h' && key !== 'l') return;
      const span = currentSpan();
      if (!span) return;
      event.preventDefault();
      void createAt(span, 'yellow', key === 'l' ? 'tags' : false);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [currentSpan, createAt]);
}
