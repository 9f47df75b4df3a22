import { useEffect, type RefObject } from 'react';
import { useLatest } from '../lib/use-latest';
import type { MENU_DOM_EVENTS } from '../../src-main/common/ipc';
import type { Route } from '../lib/route';

/** The Electron preload's Find menu event (a literal here: the renderer imports only types from common). */
const FIND_EVENT: (typeof MENU_DOM_EVENTS)['find'] = 'archive:find';

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

interface ShortcutTargets {
  view: Route['view'];
  searchInputRef: RefObject<HTMLInputElement | null>;
  /** Ctrl/Cmd+F or the Find menu while reading. */
  onFind: () => void;
  /** Escape while reading (not while writing a note). */
  onBackToResults: () => void;
}

/** `/` and Ctrl/Cmd+K search, Ctrl/Cmd+F finds, Alt+←/→ go through history, Escape leaves the reader. */
export function useGlobalShortcuts({ view, searchInputRef, onFind, onBackToResults }: ShortcutTargets): void {
  const handlers = useLatest({ onFind, onBackToResults });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return; // Dialogs handle their own keys.
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if ((event.key === '/' && !isTypingTarget(event.target) && !mod) || (mod && key === 'k')) {
        event.preventDefault();
        searchInputRef.current?.focus();
        searchInputRef.current?.select();
      } else if (mod && key === 'f') {
        event.preventDefault();
        if (view === 'doc') handlers.current.onFind();
        else searchInputRef.current?.focus();
      } else if (event.altKey && event.key === 'ArrowLeft') {
        event.preventDefault();
        window.history.back();
      } else if (event.altKey && event.key === 'ArrowRight') {
        event.preventDefault();
        window.history.forward();
      } else if (event.key === 'Escape' && view === 'doc' && !isTypingTarget(event.target)) {
        // Not while writing a note: Escape there must not throw the reader (and the unsaved note) away.
        event.preventDefault();
        handlers.current.onBackToResults();
      }
    };
    const onMenuFind = () => {
      if (view === 'doc') handlers.current.onFind();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener(FIND_EVENT, onMenuFind);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener(FIND_EVENT, onMenuFind);
    };
  }, [view, searchInputRef, handlers]);
}
