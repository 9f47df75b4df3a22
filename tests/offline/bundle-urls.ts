/** Finding http(s) URLs in bundle text and matching them against the reviewed allow-list. */
export interface UrlAllowEntry {
  url: string;
  match: 'exact' | 'prefix';
  reason: string;
}

export interface UrlHit {
  url: string;
  line: number;
  context: string;
}

// Up to a character that cannot be part of a URL written in JS, HTML or CSS source.
const URL_PATTERN = /https?:\/\/[^\s"'`<>()\\,;]+/g;

export function findUrls(text: string): UrlHit[] {
  const hits: UrlHit[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const at = match.index ?? 0;
    const line = text.slice(0, at).split('\n').length;
    const context = text.slice(Math.max(0, at - 60), at + match[0].length + 40).replace(/\s+/g, ' ');
    hits.push({ url: match[0], line, context });
  }
  return hits;
}

export function isAllowedUrl(url: string, entries: readonly UrlAllowEntry[]): boolean {
  return entries.some((entry) => (entry.match === 'exact' ? url === entry.url : url.startsWith(entry.url)));
}
