import type { ImportReport } from '../core/import/build-report';
import { escapeControls } from '../core/import/warnings';
import { WARNING_KINDS, type FidelityReport, type WarningCode } from '../core/import/warning-kinds';
import { keysOf } from '../common/guards';

/**
 * `corpus build --report`: the per-file table of losses and approximations, then the counts a
 * librarian checks (undated documents, unmapped keys, repairs, embeds, exclusions).
 */
export function formatImportReport(report: ImportReport): string {
  return `${formatFidelityReport(report)}\n${importReportLines(report).join('\n')}`;
}

/**
 * What the import lost or approximated, file by file, with counts by
 * kind (warning-kinds.ts), then the totals. File names are the corpus author's text: escaped.
 */
export function formatFidelityReport(report: FidelityReport): string {
  if (report.files.length === 0) return 'Fidelity report: every file was imported as written (no warnings).';
  const lines = [
    `Fidelity report: ${report.files.length} file${report.files.length === 1 ? '' : 's'} with losses or approximations.`,
  ];
  const width = Math.max(...Object.values(WARNING_KINDS).map((label) => label.length));
  const row = (code: WarningCode, count: number): string => `    ${WARNING_KINDS[code].padEnd(width)}  ${count}`;
  for (const file of report.files) {
    lines.push(`  ${escapeControls(file.file)} (${file.total})`);
    for (const [code, count] of entries(file.counts)) lines.push(row(code, count));
  }
  lines.push('  All files:');
  for (const [code, count] of entries(report.totals)) lines.push(row(code, count));
  return lines.join('\n');
}

function entries(counts: Partial<Record<WarningCode, number>>): [WarningCode, number][] {
  return keysOf(WARNING_KINDS).flatMap((code): [WarningCode, number][] => {
    const count = counts[code];
    return count === undefined ? [] : [[code, count]];
  });
}

/** The counts of an import report as terminal lines (`corpus build --report`); names are escaped. */
export function importReportLines(report: ImportReport): string[] {
  const names = (examples: string[]): string =>
    examples.length > 0 ? ` (e.g. ${examples.map((name) => escapeControls(name)).join(', ')})` : '';
  const lines = ['Import report:'];
  lines.push(`  undated documents: ${report.undated.documents}${names(report.undated.examples)}`);
  if (report.unmappedFields.length === 0) lines.push('  front-matter keys kept as extra metadata: none');
  else {
    lines.push('  front-matter keys kept as extra metadata (map them with archivo.yml or --field key=field):');
    for (const { key, documents } of report.unmappedFields)
      lines.push(`    ${escapeControls(key)}: ${documents} document${documents === 1 ? '' : 's'}`);
  }
  lines.push(
    `  Windows-1252 characters repaired: ${report.repairedCharacters.characters} in ${report.repairedCharacters.documents} documents`,
  );
  lines.push(
    `  embeds replaced by links: ${report.embedsReplaced.embeds} in ${report.embedsReplaced.documents} documents`,
  );
  lines.push(`  files excluded: ${report.excludedFiles.files}${names(report.excludedFiles.examples)}`);
  lines.push(
    `  documents that repeat another file: ${report.duplicates.documents}${names(report.duplicates.examples)}` +
      (report.duplicates.documents > 0
        ? ' (the warnings name both; exclude one in archivo.yml to keep the other)'
        : ''),
  );
  return lines;
}
