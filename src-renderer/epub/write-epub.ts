import type { TFunction } from 'i18next';
import type { AnnotationsApi, ArchiveApi } from '../../src-main/common/api';
import type { DocumentRecord } from '../../src-main/common/types';
import { documentChapterBody } from './document-chapter';
import { EPUB_IMAGE_TYPES, packEpub, xhtmlPage, type EpubChapter, type EpubImage } from './epub-package';
import { EPUB_STYLESHEET } from './stylesheet';
import { MAX_BOOK_DOCUMENTS } from './book-plan';
import { downloadBlob } from '../lib/download-blob';

/**
 * Gathers documents, their images and the reader's annotations through the ArchiveApi and
 * writes them as one EPUB 3 book, in the page: it works over plain http on a phone (no
 * secure-context API, no service worker) and, for documents the tab kept, with no server.
 */

export interface EpubSource {
  api: ArchiveApi;
  /** Present where annotations are on: highlights and notes go into the book. */
  notesApi: AnnotationsApi | null;
  /** An image kept in this browser (offline keeping), tried before the network. */
  keptAsset?: (assetId: string) => Promise<Blob | null>;
}

export interface WrittenEpub {
  bytes: Uint8Array;
  fileName: string;
}

/** A file name from a title: letters, digits and dashes (accents dropped), never empty. */
export function epubFileName(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
  return `${slug || 'archivo'}.epub`;
}

/** FNV-1a over the ids: names the same selection of the same archive the same way (not a secret). */
function selectionHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

async function imageBlob(source: EpubSource, assetId: string): Promise<Blob | null> {
  const kept = await source.keptAsset?.(assetId);
  if (kept) return kept;
  try {
    const response = await fetch(source.api.assetUrl(assetId), { credentials: 'same-origin' });
    return response.ok ? await response.blob() : null;
  } catch {
    return null;
  }
}

export async function writeEpub(
  ids: string[],
  title: string,
  source: EpubSource,
  t: TFunction,
  language: string,
): Promise<WrittenEpub> {
  const { api, notesApi } = source;
  const records: DocumentRecord[] = [];
  for (const id of ids.slice(0, MAX_BOOK_DOCUMENTS)) {
    const record = await api.getDocument(id);
    if (record) records.push(record);
  }
  const chapterFiles = new Map(records.map((record, index) => [record.id, `doc-${index + 1}.xhtml`]));

  const images: EpubImage[] = [];
  const imageFiles = new Map<string, string>();
  for (const record of records) {
    for (const match of record.html.matchAll(/data-asset-id="([0-9a-f]+)"/g)) {
      const assetId = match[1];
      if (!assetId || imageFiles.has(assetId)) continue;
      const blob = await imageBlob(source, assetId);
      const extension = blob ? EPUB_IMAGE_TYPES[blob.type] : undefined;
      if (!blob || !extension) continue; // shown as its alt text in the book
      const file = `images/${assetId}.${extension}`;
      imageFiles.set(assetId, file);
      images.push({ file, mediaType: blob.type, bytes: new Uint8Array(await blob.arrayBuffer()) });
    }
  }

  const chapters: EpubChapter[] = [];
  for (const record of records) {
    const annotations = notesApi ? await notesApi.listAnnotations(record.id) : [];
    const body = documentChapterBody(
      record,
      annotations,
      { chapterOf: (id) => chapterFiles.get(id) ?? null, imageOf: (id) => imageFiles.get(id) ?? null },
      t,
      language,
    );
    const file = chapterFiles.get(record.id) ?? '';
    chapters.push({ file, title: record.title, xhtml: xhtmlPage(record.title, language, body) });
  }

  const archive = await api.corpusInfo().catch(() => null);
  const creators = [...new Set(records.flatMap((record) => record.authors))].slice(0, 20);
  const bytes = packEpub({
    identifier: `urn:archivo-sin-conexion:${selectionHash(`${archive?.name ?? ''}|${ids.join(',')}`)}`,
    title,
    language,
    creators,
    publisher: archive?.name ?? t('app.title'),
    modified: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    contentsLabel: t('offline.epubContents'),
    chapters,
    images,
    stylesheet: EPUB_STYLESHEET,
  });
  return { bytes, fileName: epubFileName(title) };
}

/** Hands the file to the browser's download: a link to an object URL (works on plain http). */
export function downloadFile(bytes: Uint8Array, fileName: string): void {
  // A Blob takes bytes backed by a plain ArrayBuffer; the zip's may be typed as shared, so copy them
  // into one (an EPUB is a few megabytes at most).
  downloadBlob(new Blob([bytes.slice()], { type: 'application/epub+zip' }), fileName);
}
