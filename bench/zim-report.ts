import { readFileSync, writeFileSync } from 'node:fs';
import { median } from './stats';
import type { StartTimes, ZimComparison } from './zim-compare';

/** One corpus compared with its ZIM in several runs (bench/zim-compare.ts). */
export interface ZimRuns {
  label: string;
  runs: ZimComparison[];
}

const MB = 1e6;
/** Issue 23's goals. */
const GOALS = { sizeRatio: 2, firstPageMs: 150, firstSearchMs: 200 };
/** The README's table sits between these lines; the benchmark rewrites what is between them. */
export const README_START = '<!-- bench:zim:start -->';
export const README_END = '<!-- bench:zim:end -->';

/**
 * Medians of each figure over the runs, this app beside the ZIM, with ratios and the goals.
 * `loadAverages` (1-minute load before each run) says how busy the machine was: start times move
 * with it, sizes do not.
 */
export function formatZimReport(
  corpora: readonly ZimRuns[],
  when: string,
  loadAverages: readonly number[] = [],
): string {
  const load =
    loadAverages.length === 0
      ? ''
      : ` Load average before the runs: ${Math.min(...loadAverages).toFixed(1)}–${Math.max(...loadAverages).toFixed(1)}.`;
  const out: string[] = [
    `Archive beside a ZIM of the same documents (${when}; medians of each figure over the runs; ratio = app / ZIM;`,
    `ZIM: zimwriterfs with its Xapian full-text index; servers on 127.0.0.1, timed from spawn to the first 200).${load}`,
    '',
    '| corpus | runs | app MB | ZIM MB | ratio (goal ≤ 2×) | pack MB (goal ≤ app) | first page: app / kiwix ms | first search: app / kiwix ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { label, runs } of corpora) {
    if (runs.length === 0) {
      out.push(`| ${label} | 0 | — | — | — | — | — | — |`);
      continue;
    }
    const med = (pick: (run: ZimComparison) => number): number => median(runs.map(pick));
    const app = med((run) => run.appBytes) / MB;
    const zim = med((run) => run.zimBytes) / MB;
    const packs = runs.flatMap((run) => (run.packBytes === undefined ? [] : [run.packBytes]));
    const pack = packs.length === 0 ? null : median(packs) / MB;
    const packCell =
      pack === null ? '—' : `${pack.toFixed(1)} (${(pack / app).toFixed(2)}×) ${pack <= app ? 'met' : '**no**'}`;
    const start = (pick: (times: StartTimes) => number, goal: number): string => {
      const mine = med((run) => pick(run.app));
      const theirs = med((run) => pick(run.kiwix));
      return `${mine.toFixed(0)} / ${theirs.toFixed(0)} (${(mine / theirs).toFixed(1)}×; goal ≤ ${goal}: ${mine <= goal ? 'met' : '**no**'})`;
    };
    out.push(
      `| ${label} (${runs[0]?.documents.toLocaleString('en-US') ?? '?'} docs) | ${runs.length} | ${app.toFixed(1)} | ${zim.toFixed(1)} | ` +
        `${(app / zim).toFixed(2)}× ${app / zim <= GOALS.sizeRatio ? 'met' : '**no**'} | ${packCell} | ` +
        `${start((times) => times.firstPageMs, GOALS.firstPageMs)} | ${start((times) => times.firstSearchMs, GOALS.firstSearchMs)} |`,
    );
  }
  for (const { label, runs } of corpora) {
    const last = runs.at(-1);
    if (!last) continue;
    const shown = last.appTables.filter((table) => table.bytes >= 0.01 * last.appBytes);
    out.push(
      '',
      `Where the app's bytes go, ${label} (dbstat, last run): ` +
        shown.map((table) => `${table.name} ${(table.bytes / MB).toFixed(2)} MB`).join(', ') +
        '.',
    );
  }
  return out.join('\n');
}

/** Replaces the README's table between the markers (the ZIM table's by default); refuses (naming the file) when they are missing. */
export function writeReadmeTable(
  readme: string,
  markdown: string,
  markers: { start: string; end: string } = { start: README_START, end: README_END },
): void {
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(markers.start);
  const end = text.indexOf(markers.end);
  if (start < 0 || end < start) throw new Error(`${readme} lacks the lines ${markers.start} … ${markers.end}`);
  writeFileSync(readme, `${text.slice(0, start + markers.start.length)}\n${markdown}\n${text.slice(end)}`);
}
