import type { MessageBoxOptions, MessageBoxReturnValue } from 'electron';

import { MAX_EXTERNAL_URL_LENGTH } from '../common/limits';
export { MAX_EXTERNAL_URL_LENGTH };

const OPENABLE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL to hand to the system browser (after confirmation), or null. Refuses anything
 * that is not http(s)/mailto, and strings with whitespace, control or bidirectional-
 * override characters, which could make the URL read differently from what opens.
 * Returns the parsed, serialised form: that is what is both shown and opened, so an
 * internationalised host appears as punycode (`xn--...`) and a look-alike is visible.
 */
export function normalizeExternalUrl(url: string): string | null {
  if (url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!OPENABLE_PROTOCOLS.has(parsed.protocol)) return null;
  if (parsed.protocol !== 'mailto:' && parsed.hostname === '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null; // https://bank.example@evil.example/
  return parsed.href.length > MAX_EXTERNAL_URL_LENGTH ? null : parsed.href;
}

export function isOpenableExternalUrl(url: string): boolean {
  return normalizeExternalUrl(url) !== null;
}

export interface ExternalLinkDeps {
  showMessageBox(options: MessageBoxOptions): Promise<Pick<MessageBoxReturnValue, 'response'>>;
  openExternal(url: string): Promise<void>;
}

export const CONFIRM_BUTTON = 1;

/** The confirmation dialog: its first detail line is exactly the string that will be opened. */
export function externalLinkDialog(url: string): MessageBoxOptions {
  return {
    type: 'question',
    title: 'Abrir enlace externo',
    message: '¿Abrir este enlace fuera de la aplicación?',
    detail: `${url}\n\nSe abrirá en su navegador o programa de correo y se conectará a Internet.`,
    buttons: ['Cancelar', 'Abrir enlace'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/**
 * Asks the user, then opens. Resolves true only when the URL was opened. The string
 * shown is the string opened, so what the user approves is what the browser gets.
 */
export async function confirmAndOpenExternal(url: string, deps: ExternalLinkDeps): Promise<boolean> {
  const target = normalizeExternalUrl(url);
  if (target === null) return false;
  const { response } = await deps.showMessageBox(externalLinkDialog(target));
  if (response !== CONFIRM_BUTTON) return false;
  await deps.openExternal(target);
  return true;
}

/**
 * One dialog at a time: a page that calls window.open in a loop gets one question,
 * and requests arriving while it is open are dropped rather than queued behind it.
 */
export function createExternalLinkOpener(deps: ExternalLinkDeps): (url: string) => Promise<boolean> {
  let asking = false;
  return async (url) => {
    if (asking) return false;
    asking = true;
    try {
      return await confirmAndOpenExternal(url, deps);
    } finally {
      asking = false;
    }
  };
}
