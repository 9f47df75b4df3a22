import type { ImportReport } from '../core/import/build-report';
import { escapeControls } from '../core/import/warnings';

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
  return lines;
}
