import type { TFunction } from 'i18next';
import { isOneOf, isRecord } from './guards';

/** Codes of `Unavailable` errors for a write the disk refused (see core/userdata/write-faults.ts). */
const WRITE_FAULTS = ['disk-full', 'read-only', 'write-failed'] as const;

/**
 * A save the disk refused (full, read-only, I/O error), worded in the UI's language with the
 * notes folder; null for any other error. The folder is read from the core's English sentence,
 * which always names it as "notes folder (<folder>) " followed by the situation.
 */
export function describeWriteFault(error: unknown, t: TFunction): string | null {
  if (!isRecord(error)) return null;
  const { name, message, code } = error;
  if (name !== 'Unavailable' || !isOneOf(WRITE_FAULTS, code)) return null;
  const text = typeof message === 'string' ? message : '';
  const folder = /notes folder \((.+)\) (?:is full|cannot be written|\(SQLITE)/.exec(text)?.[1] ?? '…';
  return t(`notes.writeFault.${code}`, { folder });
}

/** True when the error is a refused write (the UI then keeps what the user typed for a retry). */
export function isWriteFault(error: unknown): boolean {
  return isRecord(error) && isOneOf(WRITE_FAULTS, error.code);
}
