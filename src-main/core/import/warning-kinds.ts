import { keysOf } from '../../common/guards';
/**
 * What kind of loss or approximation an import warning reports: the `code` of a warning, counted
 * per file by `corpus build --report` (and in `--json` as `report`) so that a librarian sees an
 * import's fidelity at a glance.
 *
 * To count a new kind: add ONE entry here (code: label, the label as the report prints it), and
 * pass the code as the third argument where the warning is raised (and, when one warning stands
 * for several occurrences, how many as the fourth):
 *
 *     warn(`image "${path}" does not exist`, line, 'image-missing');
 *     warn(`${n} C1 control characters read as Windows-1252`, undefined, 'text-c1-repaired', n);
 *
 * A warning without a code is counted as `other`. Codes are stable identifiers (JSON output);
 * labels are for people and may change.
 */
export const WARNING_KINDS = {
  'file-skipped': 'files skipped (empty, binary, unreadable)',
  'unpublished-skipped': 'unpublished posts left out',
  'yaml-refused': 'front matter refused or partly read (broken YAML)',
  'plain-text-fallback': 'Markdown too large or deep, imported as plain text',
  'html-removed': 'HTML elements removed by the sanitiser',
  'link-dead': 'links kept as text (lead nowhere or refused)',
  'link-as-written': 'links kept as written (destination with spaces)',
  'image-missing': 'images missing or refused',
  'liquid-removed': 'Liquid tags and outputs removed',
  'plugin-tag-trace': 'plugin tags kept as a trace',
  'embed-replaced': 'embeds replaced by links (never loaded)',
  'text-c1-repaired': 'C1 control characters read as Windows-1252',
  'front-matter-unmapped': 'front-matter keys kept as extra metadata',
  excluded: 'files left out (exclude globs, repeated READMEs)',
  'pdf-figure-text': 'PDF figure labels kept apart from the text',
  duplicate: 'documents that repeat another file (both kept: exclude one)',
  other: 'other warnings',
} as const satisfies Record<string, string>;

export type WarningCode = keyof typeof WARNING_KINDS;

/** The counts of one file, by code, in `WARNING_KINDS` order. */
export interface FileFidelity {
  file: string;
  total: number;
  counts: Partial<Record<WarningCode, number>>;
}

export interface FidelityReport {
  /** Files with at least one warning, in the order their first warning came. */
  files: FileFidelity[];
  /** Every code's count over the whole import. */
  totals: Partial<Record<WarningCode, number>>;
}

/**
 * Warnings counted per file and code; a warning that stands for several occurrences (`count`:
 * repaired characters, say) counts as that many.
 */
export function fidelityReport(
  warnings: readonly { file: string; code?: WarningCode; count?: number }[],
): FidelityReport {
  const byFile = new Map<string, FileFidelity>();
  const totals: Partial<Record<WarningCode, number>> = {};
  for (const warning of warnings) {
    const code = warning.code ?? 'other';
    let entry = byFile.get(warning.file);
    if (!entry) {
      entry = { file: warning.file, total: 0, counts: {} };
      byFile.set(warning.file, entry);
    }
    const count = warning.count ?? 1;
    entry.total += count;
    entry.counts[code] = (entry.counts[code] ?? 0) + count;
    totals[code] = (totals[code] ?? 0) + count;
  }
  const ordered = (counts: Partial<Record<WarningCode, number>>): Partial<Record<WarningCode, number>> =>
    Object.fromEntries(
      keysOf(WARNING_KINDS).flatMap((code) => (counts[code] === undefined ? [] : [[code, counts[code]]])),
    );
  return {
    files: [...byFile.values()].map((entry) => ({ ...entry, counts: ordered(entry.counts) })),
    totals: ordered(totals),
  };
}
