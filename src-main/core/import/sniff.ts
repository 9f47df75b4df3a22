/**
 * Content recognition by bytes, never by file extension: the seed documents end in `.txt`
 * and images may be misnamed (epicentro.JPG), so the bytes decide.
 */

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((value, index) => bytes[offset + index] === value);
}

function ascii(text: string): number[] {
  return Array.from({ length: text.length }, (_unit, index) => text.charCodeAt(index));
}

/** The raster image formats the app stores; SVG is deliberately absent (it can carry script). */
export function sniffImageMime(bytes: Uint8Array): ImageMime | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** The ASCII chars `\s` matches: tab, line feed, vertical tab, form feed, carriage return, space. */
const ASCII_WHITESPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);

/** Other image formats we recognise only to refuse or skip them with a precise message. */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  // Only whitespace may come before the first `<`: a text starting with another ASCII char (a
  // post's `---`) is no SVG, told without decoding and lower-casing 4 KB of every file.
  const first = bytes[0];
  if (first !== undefined && first < 0x80 && first !== 0x3c && !ASCII_WHITESPACE.has(first)) return false;
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).toLowerCase();
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype svg[^>]*>\s*)?<svg[\s>]/.test(head);
}

/** Image formats that are assets (not documents) when met while walking a folder. */
export function isImageFile(bytes: Uint8Array): boolean {
  return (
    sniffImageMime(bytes) !== null ||
    looksLikeSvg(bytes) ||
    (startsWith(bytes, ascii('BM')) && bytes[14] !== undefined && [12, 40, 108, 124].includes(bytes[14])) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(bytes, [0x00, 0x00, 0x01, 0x00])
  );
}

/** `%PDF-` at the very start (a few producers put a BOM or whitespace first; tolerate up to 1 KB). */
export function isPdf(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length, 1024);
  for (let index = 0; index + 5 <= limit; index += 1) {
    if (startsWith(bytes, ascii('%PDF-'), index)) return true;
    const byte = bytes[index];
    // Only whitespace or a UTF-8 BOM may precede the magic.
    if (
      byte !== 0x20 &&
      byte !== 0x09 &&
      byte !== 0x0a &&
      byte !== 0x0d &&
      byte !== 0xef &&
      byte !== 0xbb &&
      byte !== 0xbf
    )
      return false;
  }
  return false;
}

/** NUL bytes in the first 8 KB mean binary; text formats this importer reads never contain them. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let index = 0; index < end; index += 1) if (bytes[index] === 0) return true;
  return false;
}

/** An HTML page, recognised by its markup at the start (doctype, <html>, <head> or <body>). */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const withoutPreamble = head.replace(/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*/, '');
  if (/^<!doctype\s+html/i.test(withoutPreamble)) return true;
  if (/^<(?:html|head|body)[\s>]/i.test(withoutPreamble)) return true;
  return /<html[\s>]/i.test(head) && /<body[\s>]/i.test(text.slice(0, 65536));
}

/**
 * Markdown rather than plain prose: any common block or inline construct. A wrong guess is cheap
 * (plain text rendered as Markdown loses nothing), so this only needs to catch the usual signs.
 */
export function looksLikeMarkdown(text: string): boolean {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  return (
    /^#{1,6}[ \t]+\S/m.test(sample) ||
    /^[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S/m.test(sample) ||
    /\[[^\]\n]{1,500}\]\([^)\n]{0,2000}\)/.test(sample) ||
    /(?:\*\*|__)[^\s*_]/.test(sample) ||
    /^[ \t]{0,3}>/m.test(sample) ||
    /^[ \t]{0,3}(?:```|~~~)/m.test(sample) ||
    /^[ \t]{0,3}(?:-{3,}|\*{3,}|_{3,})[ \t]*$/m.test(sample) ||
    /<(?:sup|sub|a|p|div|br|em|strong|img)[\s>/]/i.test(sample)
  );
}
