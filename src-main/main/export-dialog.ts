import type { AnnotationExportResult } from '../common/api';

/** What an export produced in the worker, before the user chose where to save it. */
export interface ExportedAnnotations {
  content: string;
  mime: string;
  extension: string;
  /** File name the page proposes (citations: the document's title); default `anotaciones-<day>`. */
  fileName?: string;
}

/** The dialog and file calls the export needs (Electron's `dialog` and `fs` in the app, fakes in tests). */
export interface ExportDialogDeps {
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters: Array<{ name: string; extensions: string[] }>;
  }): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  writeFile(path: string, content: string): Promise<void>;
  /** Folder proposed in the dialog (the user's documents folder). */
  defaultFolder: string;
  now?: () => Date;
}

const FORMAT_NAMES: Record<string, string> = {
  jsonld: 'JSON-LD',
  md: 'Markdown',
  csv: 'CSV',
  bib: 'BibTeX',
  ris: 'RIS',
  json: 'CSL-JSON',
};

/**
 * Electron's half of an export: the worker produced the content, the user picks a file in
 * the native save dialog and the main process writes it. Cancelling writes nothing.
 */
export function createExportSaver(
  deps: ExportDialogDeps,
): (exported: ExportedAnnotations) => Promise<AnnotationExportResult> {
  return async (exported) => {
    const day = (deps.now ?? (() => new Date()))().toISOString().slice(0, 10);
    // Only the last part of a proposed name counts: the page never picks the folder.
    const proposed = exported.fileName?.split(/[\\/]/).pop() ?? `anotaciones-${day}.${exported.extension}`;
    const choice = await deps.showSaveDialog({
      title: exported.fileName ? 'Guardar / Save' : 'Exportar anotaciones',
      defaultPath: `${deps.defaultFolder.replace(/[\\/]$/, '')}/${proposed}`,
      filters: [{ name: FORMAT_NAMES[exported.extension] ?? exported.extension, extensions: [exported.extension] }],
    });
    if (choice.canceled || !choice.filePath) return { kind: 'cancelled' };
    await deps.writeFile(choice.filePath, exported.content);
    return { kind: 'saved', path: choice.filePath };
  };
}
