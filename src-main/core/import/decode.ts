/** Result of turning a file's bytes into normalised text. */
export interface DecodedText {
  text: string;
  /** Set when the bytes were not valid UTF-8 and were decoded with replacement characters. */
  invalidUtf8: boolean;
}

/**
 * Decodes UTF-8 strictly; on failure decodes again with U+FFFD replacements (the caller warns).
 * Text is normalised to NFC before any parsing so that "México" typed with a combining accent
 * and with a precomposed one are the same word for search, and line endings become `\n`.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let text: string;
  let invalidUtf8 = false;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    invalidUtf8 = true;
    text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  }
  return { text: normaliseText(text), invalidUtf8 };
}

export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC');
}
