import type { ImportedDocument, ImportWarning } from './model';
import { fidelityReport, type FidelityReport, type WarningCode } from './warning-kinds';

/** How many examples a report names for each count (enough to find the pattern, never a flood). */
const EXAMPLES = 5;

/**
 * What a librarian needs to judge an archive at a glance: part of the build's structured result
 * (`corpus build --json`, as `report`) and printed by `corpus build --report`. `files` and
 * `totals` count the warnings per file and kind (warning-kinds.ts); the rest are the counts that
 * are not one warning each (undated documents, unmapped keys) or that name examples.
 */
export interface ImportReport extends FidelityReport {
  /** Documents left without a date (none in front matter, file name, folders or dateline). */
  undated: { documents: number; examples: string[] };
  /** Front-matter keys no field maps, kept as extra metadata: per key, the documents that have it (most first). */
  unmappedFields: Array<{ key: string; documents: number }>;
  /** C1 control characters mapped through Windows-1252. */
  repairedCharacters: { characters: number; documents: number };
  /** Embedded media (`<iframe>`, `<object>`, `<embed>`, `<video>`) replaced by links. */
  embedsReplaced: { embeds: number; documents: number };
  /** Files left out (`exclude:`, `--exclude`, repeated READMEs). */
  excludedFiles: { files: number; examples: string[] };
  /** Documents that repeat an earlier file (duplicates.ts): both are kept until one is excluded. */
  duplicates: { documents: number; examples: string[] };
}

/** Collects an `ImportReport` from the documents as they are written and the warnings at the end. */
export class ImportReportTally {
  private undated = 0;
  /** The first undated documents in file order (documents arrive in id order). */
  private undatedExamples: Array<{ order: number; source: string }> = [];
  private readonly unmapped = new Map<string, number>();

  addDocument(document: ImportedDocument, fileOrder: number): void {
    if (document.date === null) {
      this.undated += 1;
      this.undatedExamples.push({ order: fileOrder, source: document.source });
      this.undatedExamples = this.undatedExamples.sort((a, b) => a.order - b.order).slice(0, EXAMPLES);
    }
    for (const key of Object.keys(document.extra ?? {})) this.unmapped.set(key, (this.unmapped.get(key) ?? 0) + 1);
  }

  finish(warnings: readonly ImportWarning[]): ImportReport {
    const sum = (code: WarningCode): { count: number; files: number; examples: string[] } => {
      const matching = warnings.filter((warning) => warning.code === code);
      return {
        count: matching.reduce((total, warning) => total + (warning.count ?? 1), 0),
        files: new Set(matching.map((warning) => warning.file)).size,
        examples: [...new Set(matching.map((warning) => warning.file))].slice(0, EXAMPLES),
      };
    };
    const repaired = sum('text-c1-repaired');
    const embeds = sum('embed-replaced');
    const excluded = sum('excluded');
    const duplicates = sum('duplicate');
    return {
      ...fidelityReport(warnings),
      undated: { documents: this.undated, examples: this.undatedExamples.map((example) => example.source) },
      unmappedFields: [...this.unmapped]
        .map(([key, documents]) => ({ key, documents }))
        .sort((a, b) => b.documents - a.documents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
      repairedCharacters: { characters: repaired.count, documents: repaired.files },
      embedsReplaced: { embeds: embeds.count, documents: embeds.files },
      excludedFiles: { files: excluded.files, examples: excluded.examples },
      duplicates: { documents: duplicates.files, examples: duplicates.examples },
    };
  }
}
