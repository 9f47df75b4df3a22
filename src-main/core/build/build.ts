import path from 'node:path';
import type { DocumentType } from '../../common/types';
import type { ImportWarning } from '../import/model';
import { ImportReportTally, type ImportReport } from '../import/build-report';
import type { FieldMap } from '../import/field-mapping';
import { importInto, type ImportProgress } from '../import/index';
import { CorpusWriter } from '../store/corpus-writer';

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
  /**
   * Called once every document is imported, as the search index and the rest are written (a few
   * seconds at 10,000 documents, some ten at 100,000), so a progress bar can say what it waits for.
   */
  onWriting?: () => void;
  /** A built render worker, for bundles (see `ImportOptions.workerScript`); sources find theirs. */
  workerScript?: URL;
  /** Front-matter keys -> fields (`--field`), over each folder's archivo.yml and the defaults. */
  fields?: FieldMap;
  /** Globs of files to leave out, relative to each folder input (`--exclude`). */
  exclude?: string[];
  /** Other files the run writes (a pack's file): left out of the inputs, as `out` is. */
  alsoWrites?: readonly string[];
}

export interface BuildSummary {
  documents: number;
  byType: Record<DocumentType, number>;
  warnings: ImportWarning[];
  /** Counts a librarian checks (undated documents, unmapped keys, repairs, embeds, exclusions). */
  report: ImportReport;
}

/**
 * Turns folders of documents into one corpus database: import (parse, sanitise, collect images,
 * analyse for search) with each document written as soon as it is rendered, then the index and
 * the rest. The writer renames a finished temporary file into place, so a failed build leaves any
 * previous database untouched; when nothing could be imported, nothing is written at all.
 */
export async function buildCorpus(options: BuildOptions): Promise<BuildSummary> {
  const byType: Record<DocumentType, number> = { article: 0, letter: 0, other: 0 };
  const writer = new CorpusWriter(options.out);
  const tally = new ImportReportTally();
  try {
    const imported = await importInto(
      options.inputs,
      (document, analysis, fileOrder) => {
        writer.add(document, analysis);
        byType[document.type] += 1;
        tally.addDocument(document, fileOrder);
      },
      {
        onProgress: options.onProgress,
        ...(options.workerScript ? { workerScript: options.workerScript } : {}),
        ...(options.fields ? { fields: options.fields } : {}),
        ...(options.exclude ? { exclude: options.exclude } : {}),
        ownOutputs: [writer.target, ...(options.alsoWrites ?? []).map((file) => path.resolve(file))],
        strings: writer.strings,
      },
    );
    if (imported.documents > 0) {
      options.onWriting?.();
      const buildDate = new Date();
      await writer.finishInParallel({
        assets: imported.assets,
        name: options.name ?? defaultName(options.inputs),
        version: options.version ?? buildDate.toISOString().slice(0, 10).replaceAll('-', '.'),
        buildDate: buildDate.toISOString(),
      });
    }
    return {
      documents: imported.documents,
      byType,
      warnings: imported.warnings,
      report: tally.finish(imported.warnings),
    };
  } finally {
    // Removes the temporary file unless finished (nothing imported, or a failure).
    writer.abort();
  }
}

function defaultName(inputs: string[]): string {
  const first = inputs[0];
  return first ? path.basename(path.resolve(first)) : 'corpus';
}
