import type { Element, ElementContent } from 'hast';
import { PLACEHOLDER_CLASS } from './plain-text';

/** Elements that would load something from elsewhere into the page. */
const EMBED_TAGS = new Set(['iframe', 'object', 'embed', 'video']);

const VIDEO_HOSTS = /(?:^|\.)(?:youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|dailymotion\.com)$/i;

export function isEmbed(element: Element): boolean {
  return EMBED_TAGS.has(element.tagName);
}

/** The address an embed would load: `src`, `<object data>`, or a `<video>`'s first `<source src>`. */
export function embedSource(element: Element): string | null {
  const direct = element.tagName === 'object' ? element.properties.data : element.properties.src;
  if (typeof direct === 'string' && direct.trim() !== '') return direct.trim();
  for (const child of element.children) {
    if (child.type === 'element' && child.tagName === 'source' && typeof child.properties.src === 'string')
      return child.properties.src.trim() || null;
  }
  return null;
}

/**
 * What the reader shows in place of an embed: `[vídeo: youtube.com/embed/abc]`, host and a shortened
 * path, so a reader knows what was there and where it lives. Marked as a placeholder: shown, never
 * indexed.
 */
export function embedLabel(element: Element, url: string): ElementContent {
  let where = url;
  let host = '';
  try {
    const parsed = new URL(url);
    host = parsed.hostname.replace(/^www\./, '');
    where = `${host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    // Not a URL (a local path): shown as written.
  }
  if (where.length > 60) where = `${where.slice(0, 59)}…`;
  const kind = element.tagName === 'video' || VIDEO_HOSTS.test(host) ? 'vídeo' : 'contenido incrustado';
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: [PLACEHOLDER_CLASS] },
    children: [{ type: 'text', value: `[${kind}: ${where}]` }],
  };
}
