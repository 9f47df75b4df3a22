import type { TFunction } from 'i18next';

/** Turns whatever a transport rejected with into one translated sentence for the user. */
export function describeError(error: unknown, t: TFunction): string {
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
