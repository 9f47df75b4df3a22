import { BUNDLED_ARCHIVE_ID, PACK_DOCUMENT_SEPARATOR } from '../../common/library';

/**
 * Library document ids: a pack's documents are `<packId>~<documentId>`, the bundled corpus's
 * keep their plain ids (annotations made before packs existed stay attached).
 */
export function qualifyDocumentId(archiveId: string, documentId: string): string {
  return archiveId === BUNDLED_ARCHIVE_ID ? documentId : `${archiveId}${PACK_DOCUMENT_SEPARATOR}${documentId}`;
}

/** Which archive a library document id belongs to, and the id inside that archive. */
export function splitDocumentId(id: string): { archiveId: string; documentId: string } {
  const at = id.indexOf(PACK_DOCUMENT_SEPARATOR);
  if (at <= 0) return { archiveId: BUNDLED_ARCHIVE_ID, documentId: id };
  return { archiveId: id.slice(0, at), documentId: id.slice(at + PACK_DOCUMENT_SEPARATOR.length) };
}

/** Whether a library document id belongs to this archive. */
export function belongsToArchive(id: string, archiveId: string): boolean {
  return splitDocumentId(id).archiveId === archiveId;
}

/**
 * A pack document's links to other documents of the same pack carry the pack's own ids
 * (`data-doc-id="<id>"`, `href="#doc/<id>"`, as the importer writes them); the library
 * qualifies them so that a click opens the document of THIS pack. The HTML was serialised
 * by the importer (double-quoted attributes), so the two attribute forms are exact.
 */
export function qualifyDocumentLinks(html: string, archiveId: string): string {
  if (archiveId === BUNDLED_ARCHIVE_ID) return html;
  const prefix = `${archiveId}${PACK_DOCUMENT_SEPARATOR}`;
  return html
    .replace(/data-doc-id="([^"~]+)"/g, (_, id: string) => `data-doc-id="${prefix}${id}"`)
    .replace(/href="#doc\/([^"~?]+)/g, (_, id: string) => `href="#doc/${prefix}${id}`);
}
