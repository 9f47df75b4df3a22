import type { ArchiveApi } from '../../src-main/common/api';
import { toCslItem, type CslItem } from './csl-item';
import { documentPermalink } from './permalink';

/** common/library's PACK_DOCUMENT_SEPARATOR: a pack document's id is `<packId>~<documentId>` (the renderer imports types only). */
const PACK_DOCUMENT_SEPARATOR = '~';

/** Most documents one bibliography file holds (a result list is capped the same way). */
export const MAX_CITED_DOCUMENTS = 1000;

/**
 * CSL items for documents of the library, read through the API: each with its archive's name
 * (the bundled corpus, or the pack its id names) and its permalink from this page's address.
 * Documents no longer in the library are left out.
 */
export async function loadCslItems(
  api: Pick<ArchiveApi, 'getDocument' | 'listArchives'>,
  ids: readonly string[],
  accessed: Date = new Date(),
): Promise<CslItem[]> {
  const archives = await api.listArchives();
  const bundled = archives.find((archive) => archive.kind === 'bundled')?.name ?? '';
  const nameOf = (id: string): string => {
    const at = id.indexOf(PACK_DOCUMENT_SEPARATOR);
    if (at < 0) return bundled;
    const packId = id.slice(0, at);
    return archives.find((archive) => archive.id === packId)?.name ?? packId;
  };
  const items: CslItem[] = [];
  for (const id of ids.slice(0, MAX_CITED_DOCUMENTS)) {
    const document = await api.getDocument(id);
    if (!document) continue;
    items.push(
      toCslItem(document, { archiveName: nameOf(id), permalink: documentPermalink(id, window.location), accessed }),
    );
  }
  return items;
}

/** A file name from a title: letters, digits and hyphens only, at most 60 characters. */
export function fileNameFor(title: string, extension: string): string {
  const stem = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${stem || 'citas'}.${extension}`;
}
