/** One run of a snippet's text: marked (a matched word or phrase) or not. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

/** The only markup the server writes in a snippet (src-main/core/search/snippet.ts). */
const MARK_TAG = /<(\/?)mark>/gi;
/** Any other tag: never written by the server, so a foreign or tampered database's; dropped with its attributes. */
const OTHER_TAG = /<[^>]*>/g;
/** The escapes the server writes (`&amp; &lt; &gt; &quot; &#39;`) and numeric references. */
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-f]{1,6}));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A snippet as text runs, for rendering as React text and `<mark>` elements: no HTML is ever
 * parsed or inserted, so nothing in a snippet can become markup, a handler or a request. The
 * server sends escaped text with `<mark>` around matches; this reads exactly that, drops any
 * other tag and leaves an unknown entity as the text it is. Replaces sanitising each row's
 * snippet with DOMPurify, which took most of a row's render on a phone at 4× (CPU profile).
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  let cursor = 0;
  const push = (raw: string) => {
    const text = decodeEntities(raw.replace(OTHER_TAG, ''));
    if (text === '') return;
    const last = parts.at(-1);
    if (last?.marked === marked) last.text += text;
    else parts.push({ text, marked });
  };
  for (const tag of snippet.matchAll(MARK_TAG)) {
    push(snippet.slice(cursor, tag.index));
    marked = tag[1] !== '/';
    cursor = tag.index + tag[0].length;
  }
  push(snippet.slice(cursor));
  return parts;
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (whole, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
      if (name !== undefined) return NAMED[name.toLowerCase()] ?? whole;
      const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
      // Not a character (beyond Unicode, a surrogate half, NUL): kept as written.
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    },
  );
}
