import type { TFunction } from 'i18next';
import { describeWriteFault } from './write-fault';

/** Turns whatever a transport rejected with into one translated sentence for the user. */
export function describeError(error: unknown, t: TFunction): string {
  // A save the disk refused names the notes folder and the situation, in the UI's language.
  const writeFault = describeWriteFault(error, t);
  if (writeFault !== null) return writeFault;
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : '';
    if (name === 'InvalidArgument' || name === 'NotFound' || name === 'Unavailable' || name === 'Internal') {
      return t(`errors.${name}`, { message: text });
    }
    if (text) return t('errors.unknown', { message: text });
  }
  return t('errors.unknown', { message: String(error) });
}
