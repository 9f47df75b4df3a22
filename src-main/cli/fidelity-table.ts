import { escapeControls } from '../core/import/warnings';
import { WARNING_KINDS, type FidelityReport, type WarningCode } from '../core/import/warning-kinds';

/**
 * `corpus build --report`: what the import lost or approximated, file by file, with counts by
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
  return (Object.keys(WARNING_KINDS) as WarningCode[]).flatMap((code) => {
    const count = counts[code];
    return count === undefined ? [] : [[code, count] as [WarningCode, number]];
  });
}
