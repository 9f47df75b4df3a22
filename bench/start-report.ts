/**
 * The start-up figures of one benchmark (issues 14 and 23) in one table: opening an archive in a
 * fresh process beside FTS5, each server from spawn to its first page and first search beside
 * kiwix-serve, and a cold `corpus search` beside a bare Node start. Medians over the runs, each
 * with the ratio to its baseline measured in the same run, and the load the machine was under.
 */
import type { ColdCliMeasurement } from './cold-cli';
import { median } from './stats';
import type { StartTimes } from './zim-compare';

export interface StartRun {
  loadAverage: number;
  /** Opening the app's archive and the FTS5 database in a fresh process (search-probe.ts). */
  open?: { appMs: number; appCpuMs: number | null; fts5Ms: number | null; fts5CpuMs: number | null };
  /** Servers from spawn (zim-compare.ts). */
  serve?: { app: StartTimes; kiwix: StartTimes };
  cli?: ColdCliMeasurement;
}

/** The README's start-up table sits between these lines; the benchmark rewrites what is between them. */
export const START_README_START = '<!-- bench:start:start -->';
export const START_README_END = '<!-- bench:start:end -->';

/** Goals at 10,000 documents (opening: ≤ 50 ms at 100,000). */
export function startGoals(documents: number) {
  return { openMs: documents >= 100_000 ? 50 : 30, firstPageMs: 150, firstSearchMs: 200, coldCliMs: 500 };
}

function medianOf(runs: readonly StartRun[], pick: (run: StartRun) => number | null | undefined): number | null {
  const values = runs.map(pick).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  return values.length > 0 ? median(values) : null;
}

const ms = (value: number | null): string => (value === null ? '—' : value.toFixed(value < 100 ? 1 : 0));

export function formatStartReport(documents: number, runs: readonly StartRun[], when: string): string {
  const goals = startGoals(documents);
  const loads = runs.map((run) => run.loadAverage);
  const row = (
    measure: string,
    app: number | null,
    appCpu: number | null,
    baselineName: string,
    baseline: number | null,
    baselineCpu: number | null,
    goal: number,
  ): string => {
    const ratio = app !== null && baseline ? `${(app / baseline).toFixed(1)}×` : '—';
    const met = app === null ? '—' : app <= goal ? 'met' : '**no**';
    return `| ${measure} | ${ms(app)} (CPU ${ms(appCpu)}) | ${baselineName} ${ms(baseline)} (CPU ${ms(baselineCpu)}) | ${ratio} | ≤ ${goal} ms: ${met} |`;
  };
  return [
    `Start-up at ${documents.toLocaleString('en-US')} generated documents (${when}; ${runs.length} run(s); medians over the runs, ` +
      `the servers and the command line each started 3 times per run, alternately with their baseline; load average before the runs ${loads.length > 0 ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` : '?'} ` +
      'on this 2-core machine: wall times grow with it, CPU times (all threads, from /proc) much less). ' +
      "Every process started without the machine's NODE_EXTRA_CA_CERTS (its cost: the last row, where set).",
    '',
    '| measure (ms) | this app: wall (CPU) | baseline, same run: wall (CPU) | ratio (wall) | goal (wall) |',
    '|---|---:|---:|---:|---|',
    row(
      'open the archive, fresh process',
      medianOf(runs, (run) => run.open?.appMs),
      medianOf(runs, (run) => run.open?.appCpuMs),
      'FTS5',
      medianOf(runs, (run) => run.open?.fts5Ms),
      medianOf(runs, (run) => run.open?.fts5CpuMs),
      goals.openMs,
    ),
    row(
      'server: spawn → first document page',
      medianOf(runs, (run) => run.serve?.app.firstPageMs),
      medianOf(runs, (run) => run.serve?.app.firstPageCpuMs),
      'kiwix-serve',
      medianOf(runs, (run) => run.serve?.kiwix.firstPageMs),
      medianOf(runs, (run) => run.serve?.kiwix.firstPageCpuMs),
      goals.firstPageMs,
    ),
    row(
      'server: spawn → first search',
      medianOf(runs, (run) => run.serve?.app.firstSearchMs),
      medianOf(runs, (run) => run.serve?.app.firstSearchCpuMs),
      'kiwix-serve',
      medianOf(runs, (run) => run.serve?.kiwix.firstSearchMs),
      medianOf(runs, (run) => run.serve?.kiwix.firstSearchCpuMs),
      goals.firstSearchMs,
    ),
    row(
      'cold `corpus search` (scripts/corpus.mjs)',
      medianOf(runs, (run) => run.cli?.searchMs),
      medianOf(runs, (run) => run.cli?.searchCpuMs),
      'bare `node -e ""`',
      medianOf(runs, (run) => run.cli?.bareNodeMs),
      medianOf(runs, (run) => run.cli?.bareNodeCpuMs),
      goals.coldCliMs,
    ),
    ...extraCaCertsRow(runs),
  ].join('\n');
}

/**
 * What this machine's NODE_EXTRA_CA_CERTS adds to a Node start, where it sets one: every start
 * above ran without it (node-start-env.ts). No row where the machine sets none.
 */
function extraCaCertsRow(runs: readonly StartRun[]): string[] {
  const withIt = medianOf(runs, (run) => run.cli?.bareNodeWithExtraCaCertsMs);
  if (withIt === null) return [];
  const withItCpu = medianOf(runs, (run) => run.cli?.bareNodeWithExtraCaCertsCpuMs);
  const without = medianOf(runs, (run) => run.cli?.bareNodeMs);
  const withoutCpu = medianOf(runs, (run) => run.cli?.bareNodeCpuMs);
  const ratio = without ? `${(withIt / without).toFixed(1)}×` : '—';
  return [
    `| bare \`node -e ""\` with this machine's NODE_EXTRA_CA_CERTS (not set for any start above) | ${ms(withIt)} (CPU ${ms(withItCpu)}) | without it ${ms(without)} (CPU ${ms(withoutCpu)}) | ${ratio} | — |`,
  ];
}
