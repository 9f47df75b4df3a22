import { useCallback, useEffect, useState } from 'react';
import type { AnnotationsApi, UserDataStatus } from '../../src-main/common/api';
import { isOneOf } from '../lib/guards';
import { useLatest } from '../lib/use-latest';

/** Minutes without a key, click or touch before encrypted notes lock; 0 turns the timer off. */
export const IDLE_LOCK_CHOICES = [0, 1, 5, 15, 30, 60] as const;
const IDLE_LOCK_KEY = 'archivo.lockAfterMinutes';
const DEFAULT_IDLE_MINUTES = 15;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export function loadIdleMinutes(): number {
  const stored = Number(window.localStorage.getItem(IDLE_LOCK_KEY) ?? DEFAULT_IDLE_MINUTES);
  return isOneOf(IDLE_LOCK_CHOICES, stored) ? stored : DEFAULT_IDLE_MINUTES;
}

export function saveIdleMinutes(minutes: number): void {
  window.localStorage.setItem(IDLE_LOCK_KEY, String(minutes));
}

export interface NotesLock {
  /** Encrypted notes that are locked: the app shows only the lock screen. */
  locked: boolean;
  encrypted: boolean;
  lock(): Promise<void>;
  /** Rejects with the API's error (code `wrong-passphrase`) when the passphrase does not open them. */
  unlock(passphrase: string): Promise<void>;
  /** After encryption was turned on or off in the settings. */
  setEncrypted(encrypted: boolean): void;
}

/**
 * The lock of encrypted notes (issue 17): locked at start when the user data is encrypted,
 * locked on demand (Ctrl+L / ⌘L, or the menu in Electron) and after the idle time the user
 * chose. Locking asks the core to close the notes database and drop its key; the page then
 * shows nothing of the document or the notes until the passphrase is given again.
 */
export function useNotesLock(notesApi: AnnotationsApi | null, status: UserDataStatus | null): NotesLock {
  const [locked, setLocked] = useState(false);
  const [encrypted, setEncrypted] = useState(false);
  useEffect(() => {
    if (!status) return;
    queueMicrotask(() => {
      setLocked(status.locked === true);
      setEncrypted(status.encrypted === true);
    });
  }, [status]);

  const lock = useCallback(async () => {
    if (!notesApi || !encrypted) return;
    await notesApi.lockUserData();
    setLocked(true);
  }, [notesApi, encrypted]);
  const unlock = useCallback(
    async (passphrase: string) => {
      if (!notesApi) return;
      await notesApi.unlockUserData(passphrase);
      setLocked(false);
    },
    [notesApi],
  );
  const latestLock = useLatest(lock);

  // Ctrl+L / ⌘L, also while a dialog is open: locking must always be one keystroke away.
  useEffect(() => {
    if (!encrypted || locked) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void latestLock.current();
      }
    };
    const onMenuLock = () => void latestLock.current();
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('archive:lock', onMenuLock);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('archive:lock', onMenuLock);
    };
  }, [encrypted, locked, latestLock]);

  // The idle timer restarts at every key, click, scroll or touch.
  useEffect(() => {
    const minutes = loadIdleMinutes();
    if (!encrypted || locked || minutes === 0) return;
    let timer = window.setTimeout(() => void latestLock.current(), minutes * 60_000);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void latestLock.current(), minutes * 60_000);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, restart, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, restart);
    };
  }, [encrypted, locked, latestLock]);

  return { locked, encrypted, lock, unlock, setEncrypted };
}
