import type { MessageBoxOptions, MessageBoxReturnValue } from 'electron';

/** Longest URL offered to the system browser; longer strings cannot be read in a dialog anyway. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

const OPENABLE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/**
 * Whether a URL may be handed to the system browser (after confirmation). Refuses
 * anything that is not http(s)/mailto, and strings with whitespace or control or
 * bidirectional-override characters, which could make the URL shown in the dialog
 * read differently from the one opened.
 */
export function isOpenableExternalUrl(url: string): boolean {
  if (url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(url)) return false;
  try {
    const parsed = new URL(url);
    if (!OPENABLE_PROTOCOLS.has(parsed.protocol)) return false;
    if (parsed.protocol !== 'mailto:' && parsed.hostname === '') return false;
    return true;
  } catch {
    return false;
  }
}

export interface ExternalLinkDeps {
  showMessageBox(options: MessageBoxOptions): Promise<Pick<MessageBoxReturnValue, 'response'>>;
  openExternal(url: string): Promise<void>;
}

export const CONFIRM_BUTTON = 1;

/** The confirmation dialog: the exact string that will be opened, nothing rewritten. */
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
  if (!isOpenableExternalUrl(url)) return false;
  const { response } = await deps.showMessageBox(externalLinkDialog(url));
  if (response !== CONFIRM_BUTTON) return false;
  await deps.openExternal(url);
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
