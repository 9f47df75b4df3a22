import type { GenerationSummary } from './generate';
import type { Engine } from './child-protocol';
import { COMPETITORS, type CompetitorName, type RunRecord, type StepTiming } from './run-record';
import type { StateHeader, StepOutcome } from './run-state';
import { median } from './stats';

const MB = 2 ** 20;

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

/**
 * One table per size, every engine side by side, medians over the runs, ratio = engine / this
 * app. The app's build includes rendering Markdown and storing documents; the others index the
 * app's plain text in memory and serialise it to one file; their queries return ids only (no
 * snippets, facets or totals).
 */
export function formatEngines(raw: ReadonlyArray<{ size: number; runs: RunRecord[] }>): string {
  const out: string[] = [];
  for (const { size, runs } of raw) {
    const med = (pick: (record: RunRecord) => number | null | undefined): number | null => {
      const values = runs
        .map(pick)
        .filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
      return values.length > 0 ? median(values) : null;
    };
    /** This app's and FTS5's rows: the same six figures, each read from the engine's own records. */
    const ownRow = (label: string, engine: Engine): [string, Array<number | null>] => [
      label,
      [
        med((r) => r.build[engine] && r.build[engine].totalMs / 1000),
        med((r) => r.sizes[engine] && r.sizes[engine].fileBytes / MB),
        med((r) => r.search[engine]?.openMs),
        med((r) => r.search[engine]?.p50Ms),
        med((r) => r.search[engine]?.p95Ms),
        med((r) => r.search[engine]?.maxRssMb),
      ],
    ];
    const rows: Array<[string, Array<number | null>]> = [
      ownRow('this app', 'lunr'),
      ownRow('SQLite FTS5', 'fts5'),
      ...COMPETITORS.map((engine): [string, Array<number | null>] => [
        competitorLabel(engine, runs),
        [
          med((r) => {
            const build = r.competitors?.[engine]?.build;
            return build && build.totalMs / 1000;
          }),
          med((r) => {
            const build = r.competitors?.[engine]?.build;
            return build && build.indexBytes / MB;
          }),
          med((r) => r.competitors?.[engine]?.search?.openMs),
          med((r) => r.competitors?.[engine]?.search?.p50Ms),
          med((r) => r.competitors?.[engine]?.search?.p95Ms),
          med((r) => r.competitors?.[engine]?.search?.maxRssMb),
        ],
      ]),
    ];
    const app = rows[0]?.[1] ?? [];
    const cell = (value: number | null, column: number, digits: number): string => {
      if (value === null) return '—';
      const base = app[column];
      const ratio = base && rows[0]?.[1] !== undefined && value !== base ? ` (${(value / base).toFixed(2)}×)` : '';
      return `${value.toFixed(digits)}${ratio}`;
    };
    out.push(
      `**All engines, ${size.toLocaleString('en-US')} documents** (medians of ${runs.length} run(s); in brackets: engine / this app)`,
      '',
      '| engine | build s | on disk MB | open ms | p50 ms | p95 ms | search RSS MB |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        ([name, values]) =>
          `| ${name} | ${[1, 1, 1, 2, 2, 0].map((digits, column) => cell(values[column] ?? null, column, digits)).join(' | ')} |`,
      ),
      '',
    );
  }
  return out.join('\n');
}

/** An engine's row name, with why it has no figures in a run where a step failed (never dropped silently). */
function competitorLabel(engine: CompetitorName, runs: readonly RunRecord[]): string {
  const name =
    engine === 'lunr' ? 'Lunr + lunr-languages' : engine === 'flexsearch' ? 'FlexSearch 0.8' : 'MiniSearch 7';
  const failures = [...new Set(runs.flatMap((record) => record.competitors?.[engine]?.failure ?? []))];
  return failures.length === 0 ? name : `${name} (not measured: ${failures.join('; ')})`;
}

/** `latest` for the default 10,000 documents (and smoke tests); `latest-100000` etc. otherwise, so no run overwrites another size's. */
export function outputBaseName(sizes: readonly number[]): string {
  return sizes.length === 1 && sizes[0] === 10_000 ? 'latest' : `latest-${sizes.join('-')}`;
}

/** The README block of a large size, e.g. `<!-- bench:100k:start -->`; null for sizes below 100,000 (their tables are the 10k ones). */
export function largeReadmeMarkers(size: number): { start: string; end: string } | null {
  if (size < 100_000) return null;
  const name = `bench:${String(Math.round(size / 1000))}k`;
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/** What the final table was computed from: it is written only once every step of every run has an outcome. */
export interface Completeness {
  runs: Array<{ size: number; runs: number }>;
  steps: number;
  failedSteps: number;
  /** Distinct code versions among the steps (more than one when a run was resumed under newer code). */
  invocations: number;
  codeVersions: string[];
  resumed: boolean;
  /** Sum of the steps' wall times (the run's own work, without the pauses between invocations). */
  stepWallS: number;
}

export function formatCompleteness(completeness: Completeness, commandLine: readonly string[]): string {
  const runs = completeness.runs
    .map(({ size, runs: count }) => `${String(count)} run(s) of ${size.toLocaleString('en-US')} documents`)
    .join(', ');
  const failed =
    completeness.failedSteps === 0
      ? 'none failed'
      : `${String(completeness.failedSteps)} failed and kept with their reason`;
  const resumed = completeness.resumed
    ? `resumed across invocations (code ${completeness.codeVersions.join(', ')})`
    : `in one invocation (code ${completeness.codeVersions.join(', ')})`;
  return (
    `Complete set: ${runs}; every step has its outcome (${String(completeness.steps)} steps, ${failed}), ` +
    `${resumed}; ${formatDuration(completeness.stepWallS)} of measuring. Command: \`${commandLine.join(' ')}\`.`
  );
}

function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${String(minutes)} min` : `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * Wall time of every part, per run, with the load average when it started: what one must plan
 * for to repeat the run (on a quiet machine, expect the loaded figures divided by 2–4).
 */
export function formatStepTimes(timings: readonly StepTiming[]): string {
  if (timings.length === 0) return '';
  const runs = [...new Set(timings.map((timing) => timing.run))].sort((a, b) => a - b);
  const parts = [...new Set(timings.map((timing) => timing.part))];
  const header = runs.map((run) => (run === 0 ? 'once' : `run ${String(run)}`));
  const lines = [
    'Wall time of each part (s; in brackets the 1-minute load average when it started; 2 = both cores busy):',
    '',
    `| part | ${header.join(' | ')} |`,
    `|---|${runs.map(() => '---:').join('|')}|`,
  ];
  for (const part of parts) {
    const cells = runs.map((run) => {
      const timing = timings.find((entry) => entry.part === part && entry.run === run);
      if (!timing) return '';
      return `${(timing.wallMs / 1000).toFixed(1)} (${timing.loadAverage.toFixed(1)})${timing.ok ? '' : ', failed'}`;
    });
    lines.push(`| ${part} | ${cells.join(' | ')} |`);
  }
  const total = timings.reduce((sum, timing) => sum + timing.wallMs, 0) / 1000;
  lines.push('', `In all ${total.toFixed(0)} s (${formatDuration(total)}).`);
  return lines.join('\n');
}

export interface LargeReadmeInput {
  size: number;
  runs: readonly RunRecord[];
  when: string;
  completeness: Completeness;
  commandLine: readonly string[];
  timings: readonly StepTiming[];
}

/** Issue 14's goals at 100,000 documents, met or not, from the medians of the runs. */
function largeGoals(runs: readonly RunRecord[]): string {
  const med = (pick: (record: RunRecord) => number | null | undefined): number | null => {
    const values = runs
      .map(pick)
      .filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
    return values.length > 0 ? median(values) : null;
  };
  const goal = (
    name: string,
    value: number | null,
    op: '<=' | '>=',
    target: number,
    unit: string,
    digits = 0,
  ): string => {
    if (value === null) return `${name} ${op === '<=' ? '≤' : '≥'} ${String(target)} ${unit}: not measured`;
    const met = op === '<=' ? value <= target : value >= target;
    return `${name} ${op === '<=' ? '≤' : '≥'} ${String(target)} ${unit}: ${value.toFixed(digits)} (${met ? 'met' : '**no**'})`;
  };
  const dbRatio = med((r) => r.sizes.lunr && r.sizes.fts5 && r.sizes.lunr.fileBytes / r.sizes.fts5.fileBytes);
  return [
    goal(
      'open',
      med((r) => r.search.lunr?.openMs),
      '<=',
      50,
      'ms',
      1,
    ),
    goal(
      'query p95',
      med((r) => r.search.lunr?.p95Ms),
      '<=',
      25,
      'ms',
      1,
    ),
    goal(
      'search RSS',
      med((r) => r.search.lunr?.maxRssMb),
      '<=',
      400,
      'MB',
    ),
    goal(
      'build peak RSS',
      med((r) => r.build.lunr?.maxRssMb),
      '<=',
      1024,
      'MB',
    ),
    goal(
      'build',
      med((r) => r.build.lunr && (r.build.lunr.documents / r.build.lunr.totalMs) * 1000),
      '>=',
      1000,
      'docs/s',
    ),
    goal('database', dbRatio, '<=', 1.5, '× FTS5', 2),
  ].join('; ');
}

/** The README block of a large run: how complete and how loaded, every engine with ratios, the goals, the hours. */
export function formatLargeReadme(input: LargeReadmeInput): string {
  // Each part's own load (a resumed run's parts may run hours apart, under very different loads).
  const loads =
    input.timings.length > 0
      ? input.timings.map((timing) => timing.loadAverage)
      : input.runs.map((record) => record.loadAverage);
  const load = loads.length === 0 ? '?' : `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`;
  const relevance = input.runs.some((record) => record.errors.some((error) => error.startsWith('relevance')))
    ? "The relevance check FAILED (see the run's errors)."
    : 'The relevance check passed (documents with every word first).';
  return [
    `**Latest run at ${input.size.toLocaleString('en-US')} documents** (${input.when}; 1-minute load average ${load} when the parts ` +
      "started on this shared 2-core machine, each part's in the last table: wall times grow with it, so these are not a quiet " +
      "machine's figures, and engines measured under different loads do not compare like for like). " +
      `${formatCompleteness(input.completeness, input.commandLine)} ${relevance}`,
    '',
    formatEngines([{ size: input.size, runs: [...input.runs] }]).trimEnd(),
    '',
    `Issue 14's goals at ${input.size.toLocaleString('en-US')} documents (this app, medians): ${largeGoals(input.runs)}.`,
    '',
    formatStepTimes(input.timings),
  ].join('\n');
}

/** The figures a step's value carries (a build's, a search's, a cold CLI's), for `--status`. */
const STATUS_FIGURES: ReadonlyArray<[string, string, number]> = [
  ['documents', 'documents', 0],
  ['totalMs', 'ms', 0],
  ['maxRssMb', 'MB peak RSS', 0],
  ['openMs', 'ms open', 1],
  ['p50Ms', 'ms p50', 2],
  ['p95Ms', 'ms p95', 2],
  ['searchMs', 'ms cold search', 0],
];

function figuresOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const fields: Record<string, unknown> = {
    ...value,
    ...('measurement' in value && typeof value.measurement === 'object' ? value.measurement : {}),
  };
  return STATUS_FIGURES.flatMap(([field, unit, digits]) => {
    const figure = fields[field];
    return typeof figure === 'number' ? [`${figure.toFixed(digits)} ${unit}`] : [];
  }).join(', ');
}

/** Where an unfinished run stands: how it was started and each finished step's figures or failure. */
export function formatStatus(header: StateHeader, outcomes: ReadonlyMap<string, StepOutcome<unknown>>): string {
  const lines = [
    `Run started ${header.startedAt} with code ${header.codeVersion}: \`${header.commandLine.join(' ')}\`; ` +
      `${String(outcomes.size)} step(s) finished.`,
    '',
  ];
  for (const [key, outcome] of [...outcomes].sort(([, a], [, b]) => a.finishedAt.localeCompare(b.finishedAt)))
    lines.push(
      outcome.ok
        ? `- ${key}: ${figuresOf(outcome.value) || 'done'}`
        : `- ${key}: FAILED ${outcome.error.split('\n')[0] ?? ''}`,
    );
  return lines.join('\n');
}
