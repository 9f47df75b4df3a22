import type { ArchiveApi } from '../../src-main/common/api';
import { downloadBlob } from '../lib/download-blob';

/** What saving a file ended as: downloaded by the page, saved by the app's dialog, or cancelled there. */
export type SavedFile =
  { kind: 'downloaded'; fileName: string } | { kind: 'saved'; path: string } | { kind: 'cancelled' };

/**
 * Saves text the page produced. In the app the main process asks where (the same save dialog as
 * the notes export); in a browser the file is handed to the download, through an object URL
 * (works on plain http; nothing leaves the machine).
 */
export async function saveTextFile(
  api: Pick<ArchiveApi, 'saveExport'>,
  file: { content: string; mime: string; fileName: string },
): Promise<SavedFile> {
  if (api.saveExport) {
    const result = await api.saveExport(file.content, file.fileName);
    if (result.kind !== 'content') return result;
  }
  downloadBlob(new Blob([file.content], { type: `${file.mime};charset=utf-8` }), file.fileName);
  return { kind: 'downloaded', fileName: file.fileName };
}
