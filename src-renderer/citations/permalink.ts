/**
 * The stable link of a document (and of a note in it): what a citation and an export carry.
 * - In the app (Electron, page served from app://): `archivo://doc/<id>`, the archive's own
 *   scheme, which names the document in any copy of the archive and is never fetched;
 * - in browser mode: the page's own address with the reader's route, `http://host:port/#doc/<id>`,
 *   which opens exactly there in any browser that reaches the server.
 * A note adds `?a=<annotation id>` (the route the reader already understands).
 */
export const APP_PERMALINK_PREFIX = 'archivo://doc/';

export interface PageLocation {
  protocol: string;
  origin: string;
  pathname: string;
}

export function documentPermalink(documentId: string, page: PageLocation, annotationId?: string): string {
  const focus = annotationId ? `?a=${encodeURIComponent(annotationId)}` : '';
  if (page.protocol === 'http:' || page.protocol === 'https:')
    return `${page.origin}${page.pathname}#doc/${documentId}${focus}`;
  return `${APP_PERMALINK_PREFIX}${documentId}${focus}`;
}
