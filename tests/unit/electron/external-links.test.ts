import type { MessageBoxOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  CONFIRM_BUTTON,
  confirmAndOpenExternal,
  createExternalLinkOpener,
  isOpenableExternalUrl,
} from '../../../src-main/main/external-links';

// A link that appears in the seed article's Jekyll site (gobiernofacil), as documents carry it.
const URL_FROM_CORPUS = 'https://www.opengovpartnership.org/es/news/sociedad-civil-mexicana-abandona-aga?utm=x&a=%20b';

function deps(response: number) {
  const shown: MessageBoxOptions[] = [];
  return {
    shown,
    showMessageBox: vi.fn(async (options: MessageBoxOptions) => {
      shown.push(options);
      return { response };
    }),
    openExternal: vi.fn(async () => undefined),
  };
}

describe('external links', () => {
  it('shows the exact URL and opens exactly that URL when the user confirms', async () => {
    const d = deps(CONFIRM_BUTTON);
    expect(await confirmAndOpenExternal(URL_FROM_CORPUS, d)).toBe(true);
    expect(d.shown).toHaveLength(1);
    const dialog = d.shown[0]!;
    expect(dialog.detail?.split('\n')[0]).toBe(URL_FROM_CORPUS);
    expect(dialog.buttons?.[CONFIRM_BUTTON]).toBe('Abrir enlace');
    expect(dialog.defaultId).toBe(0); // Enter cancels: opening needs a deliberate choice
    expect(dialog.cancelId).toBe(0);
    expect(d.openExternal).toHaveBeenCalledExactlyOnceWith(URL_FROM_CORPUS);
  });

  it('opens nothing when the user cancels', async () => {
    const d = deps(0);
    expect(await confirmAndOpenExternal(URL_FROM_CORPUS, d)).toBe(false);
    expect(d.showMessageBox).toHaveBeenCalledTimes(1);
    expect(d.openExternal).not.toHaveBeenCalled();
  });

  it('opens mailto links after confirmation', async () => {
    const d = deps(CONFIRM_BUTTON);
    expect(await confirmAndOpenExternal('mailto:contacto@example.org', d)).toBe(true);
    expect(d.openExternal).toHaveBeenCalledWith('mailto:contacto@example.org');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://app/index.html',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'https://exa\u202Eelpmaxe.org/',
    'https://example.org/ spaced',
    'https://example.org/\nline',
    `https://example.org/${'a'.repeat(2100)}`,
    'https://',
    'https://bank.example@evil.example/',
    'not a url',
  ])('never shows a dialog for %s', async (url) => {
    const d = deps(CONFIRM_BUTTON);
    expect(isOpenableExternalUrl(url)).toBe(false);
    expect(await confirmAndOpenExternal(url, d)).toBe(false);
    expect(d.showMessageBox).not.toHaveBeenCalled();
    expect(d.openExternal).not.toHaveBeenCalled();
  });

  it('shows and opens the serialised URL, so a look-alike host appears as punycode', async () => {
    const d = deps(CONFIRM_BUTTON);
    // Cyrillic "а" in place of the Latin "a" of "example".
    await confirmAndOpenExternal('https://ex\u0430mple.org/path', d);
    const shown = d.shown[0]?.detail?.split('\n')[0];
    expect(shown).toBe('https://xn--exmple-4nf.org/path');
    expect(d.openExternal).toHaveBeenCalledWith(shown);
  });

  it('asks one question at a time: requests while the dialog is open are dropped', async () => {
    let answer: (value: { response: number }) => void = () => undefined;
    const showMessageBox = vi.fn(() => new Promise<{ response: number }>((resolve) => (answer = resolve)));
    const openExternal = vi.fn(async () => undefined);
    const open = createExternalLinkOpener({ showMessageBox, openExternal });
    const first = open('https://example.org/one');
    expect(await open('https://example.org/two')).toBe(false);
    answer({ response: CONFIRM_BUTTON });
    expect(await first).toBe(true);
    expect(openExternal.mock.calls).toEqual([['https://example.org/one']]);
    // After the dialog closes the next link is asked about again.
    const third = open('https://example.org/three');
    answer({ response: 0 });
    expect(await third).toBe(false);
    expect(showMessageBox).toHaveBeenCalledTimes(2);
  });
});
