import type { TFunction } from 'i18next';
import { describeWriteFault } from './write-fault';
import { isOneOf, isRecord } from './guards';
import type { PackProblemCode } from '../../src-main/common/library';

/** Turns whatever a transport rejected with into one translated sentence for the user. */
export function describeError(error: unknown, t: TFunction): string {
  // A save the disk refused names the notes folder and the situation, in the UI's language.
  const writeFault = describeWriteFault(error, t);
  if (writeFault !== null) return writeFault;
  if (isRecord(error)) {
    const { name, message, code } = error;
    const text = typeof message === 'string' ? message : '';
    // A refused pack is worded by its reason, in the UI's language (the message is English, for logs).
    if (name === 'PackRefused' && typeof code === 'string' && isPackProblemCode(code)) {
      return t('library.refused', { reason: t(`library.refusal.${code}`) });
    }
    if (name === 'Unavailable' && code === 'not-kept') return t('offline.notKept');
    if (name === 'PackRefused') return t('errors.PackRefused', { message: text });
    if (name === 'InvalidArgument' || name === 'NotFound' || name === 'Unavailable' || name === 'Internal') {
      return t(`errors.${name}`, { message: text });
    }
    if (text) return t('errors.unknown', { message: text });
  }
  return t('errors.unknown', { message: String(error) });
}

const PACK_PROBLEM_CODES: readonly PackProblemCode[] = [
  'not-a-pack',
  'truncated',
  'tampered',
  'bad-manifest',
  'newer-schema',
  'not-a-corpus',
  'already-installed',
  'bad-signature',
  'untrusted-publisher',
];

export function isPackProblemCode(code: string): code is PackProblemCode {
  return isOneOf(PACK_PROBLEM_CODES, code);
}
