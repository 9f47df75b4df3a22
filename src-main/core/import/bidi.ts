/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). In a
 * title or an author's name they are a spoofing tool, not typography: `Factura \u202Efdp.exe` shows
 * as "Factura exe.pdf", and an unclosed override reorders whatever the app prints after it in the
 * same line (result lists, the reader's header, exports). Spanish metadata never needs them, so
 * they are removed from metadata; the body keeps them (a paragraph ends their effect).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function hasBidiControls(value: string): boolean {
  BIDI_CONTROLS.lastIndex = 0;
  return BIDI_CONTROLS.test(value);
}

export function stripBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, '');
}
