import type { GenerationSummary } from './generate';

/** One line of the results table: medians over the runs, app against baseline. */
export interface MetricRow {
  metric: string;
  app: number | null;
  baseline: number | null;
  /** A target applies to the app's column only. */
  target?: { op: '>=' | '<='; value: number };
  digits: number;
}

export interface SizeReport {
  size: number;
  runs: number;
  corpus: GenerationSummary;
  rows: MetricRow[];
  /** Median 1-minute load average before the runs (2 would mean both cores already busy). */
  loadAverage: number;
  /** Steps that failed, one line each. */
  errors: string[];
}

export interface ReportContext {
  startedAt: Date;
  durationS: number;
  environment: { node: string; cpus: number; cpuModel: string; totalMemoryMb: number; platform: string };
  runsNote: string;
  queryCount: number;
  /** How many times each query was timed per search process, e.g. "5×". */
  repetitionsNote: string;
}

export function targetMet(row: MetricRow): boolean | null {
  if (!row.target || row.app === null) return null;
  return row.target.op === '>=' ? row.app >= row.target.value : row.app <= row.target.value;
}

function formatNumber(value: number | null, digits: number): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratio(row: MetricRow): string {
  if (row.app === null || row.baseline === null || row.baseline === 0) return 'n/a';
  return `${(row.app / row.baseline).toFixed(2)}×`;
}

/** The Markdown the lead pastes into the README's "Benchmarks" section. */
export function formatReport(reports: readonly SizeReport[], context: ReportContext): string {
  const lines: string[] = [];
  const env = context.environment;
  lines.push(
    `Run of ${context.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.round(context.durationS)} s in all; ` +
      `Node ${env.node}, ${env.cpus} × ${env.cpuModel}, ${env.totalMemoryMb} MB RAM. Medians over ${context.runsNote}; ` +
      `each query timed ${context.repetitionsNote} per process after warm-up (${context.queryCount} queries). ` +
      `Ratio = app / baseline (for throughput, higher is better; for everything else, lower is better).`,
  );
  for (const report of reports) {
    const corpus = report.corpus;
    lines.push(
      '',
      `**${report.size.toLocaleString('en-US')} documents** (${corpus.articles} articles, ${corpus.letters} letters, ` +
        `${corpus.words.toLocaleString('en-US')} words, ${(corpus.bytes / 2 ** 20).toFixed(1)} MB of sources; ${report.runs} run(s); load average before runs ${report.loadAverage.toFixed(1)})`,
      '',
      '| metric | lunr (this app) | FTS5 baseline | ratio (app / baseline) | target | met? |',
      '|---|---:|---:|---:|---|---|',
    );
    for (const row of report.rows) {
      const met = targetMet(row);
      const target = row.target ? `${row.target.op === '>=' ? '≥' : '≤'} ${row.target.value}` : '';
      lines.push(
        `| ${row.metric} | ${formatNumber(row.app, row.digits)} | ${formatNumber(row.baseline, row.digits)} | ${ratio(row)} | ${target} | ${met === null ? '' : met ? 'yes' : '**no**'} |`,
      );
    }
    if (report.errors.length > 0)
      lines.push('', 'Failed steps (their metrics are missing above):', ...report.errors.map((error) => `- ${error}`));
  }
  return lines.join('\n');
}
