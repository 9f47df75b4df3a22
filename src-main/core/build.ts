import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { DocumentType } from '../common/types';
import type { ImportWarning } from './model';
import { importSources, type ImportProgress } from './import/index';
import { writeCorpusDatabase } from './store/corpus-writer';

export interface BuildOptions {
  /** Folders (walked recursively) and files to import. */
  inputs: string[];
  /** Where the corpus database goes; replaced atomically, never half-written. */
  out: string;
  /** Corpus name shown in the About box; defaults to the first input's folder name. */
  name?: string;
  /** Corpus version; defaults to the build date (YYYY.MM.DD). */
  version?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** A built render worker, for bundles (see `ImportOptions.workerScript`); sources find theirs. */
  workerScript?: URL;
}

export interface BuildSummary {
  documents: number;
  byType: Record<DocumentType, number>;
  warnings: ImportWarning[];
}

/**
 * Turns folders of documents into one corpus database: import (parse, sanitise,
 * collect images), then index and write. The writer renames a finished temporary
 * file into place, so a failed build leaves any previous database untouched.
 */
export async function buildCorpus(options: BuildOptions): Promise<BuildSummary> {
  const imported = await importSources(options.inputs, {
    onProgress: options.onProgress,
    ...(options.workerScript ? { workerScript: options.workerScript } : {}),
  });
  const byType: Record<DocumentType, number> = { article: 0, letter: 0, other: 0 };
  for (const document of imported.documents) byType[document.type] += 1;

  if (imported.documents.length > 0) {
    const buildDate = new Date();
    mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    writeCorpusDatabase(options.out, {
      documents: imported.documents,
      assets: imported.assets,
      analyses: imported.analyses,
      name: options.name ?? defaultName(options.inputs),
      version: options.version ?? buildDate.toISOString().slice(0, 10).replaceAll('-', '.'),
      buildDate: buildDate.toISOString(),
    });
  }
  return { documents: imported.documents.length, byType, warnings: imported.warnings };
}

function defaultName(inputs: string[]): string {
  const first = inputs[0];
  return first ? path.basename(path.resolve(first)) : 'corpus';
}
