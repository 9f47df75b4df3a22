import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildMeasurement, SearchMeasurement } from '../../../bench/child-protocol';
import {
  formatCompleteness,
  formatEngines,
  formatLargeReadme,
  formatStatus,
  formatStepTimes,
  largeReadmeMarkers,
  outputBaseName,
  type Completeness,
} from '../../../bench/report';
import type { RunRecord, StepTiming } from '../../../bench/run-record';
import type { StepOutcome } from '../../../bench/run-state';
import { writeReadmeTable } from '../../../bench/zim-report';

const MB = 2 ** 20;

function build(totalS: number, maxRssMb: number): BuildMeasurement {
  return { engine: 'lunr', documents: 100_000, totalMs: totalS * 1000, warnings: 0, cpuMs: totalS * 900, maxRssMb };
}

function search(openMs: number, p95Ms: number, maxRssMb: number): SearchMeasurement {
  return {
    engine: 'lunr',
    moduleLoadMs: 10,
    openMs,
    firstQueryMs: 50,
    p50Ms: p95Ms / 4,
    p95Ms,
    maxMs: p95Ms * 2,
    samples: 132,
    cpuP50Ms: 1,
    cpuP95Ms: 2,
    openCpuMs: openMs / 2,
    rssAfterOpenMb: 80,
    heapAfterOpenMb: 10,
    maxRssMb,
    queries: [],
    relevanceViolations: [],
  };
}

/** One run at 100,000 documents: the app, FTS5, FlexSearch measured, Lunr out of memory. */
function record(run: number, appBuildS: number, appP95Ms: number, loadAverage: number): RunRecord {
  return {
    run,
    loadAverage,
    build: { lunr: build(appBuildS, 900), fts5: { ...build(appBuildS / 2, 600), engine: 'fts5' } },
    search: { lunr: search(40, appP95Ms, 300), fts5: { ...search(4, appP95Ms * 10, 150), engine: 'fts5' } },
    sizes: {
      lunr: { fileBytes: 400 * MB, tables: [], indexBytes: 200 * MB, indexLocation: 'postings' },
      fts5: { fileBytes: 800 * MB, tables: [], indexBytes: 300 * MB },
    },
    errors: run === 1 ? ['lunr build: competitor-probe.ts build lunr failed (exit code null, signal SIGABRT)'] : [],
    competitors: {
      flexsearch: {
        build: { documents: 100_000, totalMs: 60_000, cpuMs: 50_000, maxRssMb: 2000, indexBytes: 200 * MB },
        search: { openMs: 2000, openCpuMs: 1800, p50Ms: 0.1, p95Ms: 1, maxRssMb: 1500 },
      },
      lunr: { failure: 'lunr build: out of memory (heap limit 4096 MB)' },
    },
  };
}

const RUNS = [record(1, 300, 20, 9.1), record(2, 240, 24, 3.2), record(3, 360, 30, 14)];

describe('the all-engines table', () => {
  it('gives medians over the runs with ratios to this app, and keeps a failed engine with its reason', () => {
    const table = formatEngines([{ size: 100_000, runs: RUNS }]);
    expect(table).toContain('**All engines, 100,000 documents** (medians of 3 run(s); in brackets: engine / this app)');
    // Build medians 300 s (app) and 150 s (FTS5): 0.50×; p95 medians 24 ms and 240 ms: 10.00×.
    expect(table).toContain('| this app | 300.0 | 400.0 | 40.0 | 6.00 | 24.00 | 300 |');
    expect(table).toContain(
      '| SQLite FTS5 | 150.0 (0.50×) | 800.0 (2.00×) | 4.0 (0.10×) | 60.00 (10.00×) | 240.00 (10.00×) | 150 (0.50×) |',
    );
    expect(table).toContain('| FlexSearch 0.8 | 60.0 (0.20×) | 200.0 (0.50×) | 2000.0 (50.00×) |');
    expect(table).toContain(
      '| Lunr + lunr-languages (not measured: lunr build: out of memory (heap limit 4096 MB)) | — | — | — | — | — | — |',
    );
    // MiniSearch has no record in these runs: a row of dashes, not a missing row.
    expect(table).toContain('| MiniSearch 7 | — | — | — | — | — | — |');
  });
});

describe('the wall time of each part', () => {
  const timings: StepTiming[] = [
    { part: 'generate', run: 0, wallMs: 334_000, ok: true, loadAverage: 0.5 },
    { part: 'app build', run: 1, wallMs: 1_200_000, ok: true, loadAverage: 27.5 },
    { part: 'lunr build', run: 1, wallMs: 2_700_000, ok: false, loadAverage: 12 },
    { part: 'app build', run: 2, wallMs: 250_000, ok: true, loadAverage: 2.25 },
  ];

  it('lists each part per run with its load, marks failures and sums the time', () => {
    const table = formatStepTimes(timings);
    expect(table).toContain('| part | once | run 1 | run 2 |');
    expect(table).toContain('| generate | 334.0 (0.5) |  |  |');
    expect(table).toContain('| app build |  | 1200.0 (27.5) | 250.0 (2.3) |');
    expect(table).toContain('| lunr build |  | 2700.0 (12.0), failed |  |');
    expect(table).toContain('In all 4484 s (75 min).');
  });

  it('is empty without steps', () => {
    expect(formatStepTimes([])).toBe('');
  });
});

const COMPLETE: Completeness = {
  runs: [{ size: 100_000, runs: 3 }],
  steps: 37,
  failedSteps: 2,
  invocations: 2,
  codeVersions: ['abc123', 'def456'],
  resumed: true,
  stepWallS: 3 * 3600,
};

describe('the completeness note', () => {
  it('says the set is complete, how many steps failed, and which code measured it', () => {
    expect(formatCompleteness(COMPLETE, ['npm', 'run', 'bench', '--', '--docs', '100000', '--resume'])).toBe(
      'Complete set: 3 run(s) of 100,000 documents; every step has its outcome (37 steps, 2 failed and kept with ' +
        'their reason), resumed across invocations (code abc123, def456); 3.0 h of measuring. ' +
        'Command: `npm run bench -- --docs 100000 --resume`.',
    );
    expect(
      formatCompleteness({ ...COMPLETE, failedSteps: 0, resumed: false, codeVersions: ['abc123'], stepWallS: 600 }, [
        'npm',
        'run',
        'bench',
      ]),
    ).toContain('(37 steps, none failed), in one invocation (code abc123); 10 min of measuring.');
  });
});

describe('where results go', () => {
  it('keeps latest.* for the default 10,000 documents and names other sizes', () => {
    expect(outputBaseName([10_000])).toBe('latest');
    expect(outputBaseName([100_000])).toBe('latest-100000');
    expect(outputBaseName([2000, 10_000])).toBe('latest-2000-10000');
  });

  it('gives 100,000 documents their own README markers, and none below', () => {
    expect(largeReadmeMarkers(100_000)).toEqual({ start: '<!-- bench:100k:start -->', end: '<!-- bench:100k:end -->' });
    expect(largeReadmeMarkers(10_000)).toBeNull();
  });
});

describe('the README block of a large run', () => {
  const block = formatLargeReadme({
    size: 100_000,
    runs: RUNS,
    when: '2026-12-07 07:03 UTC',
    completeness: COMPLETE,
    commandLine: ['npm', 'run', 'bench', '--', '--docs', '100000'],
    timings: [{ part: 'app build', run: 1, wallMs: 300_000, ok: true, loadAverage: 9.1 }],
  });

  it('states the date, the load range and the completeness before the table', () => {
    expect(block.split('\n')[0]).toMatch(
      /^\*\*Latest run at 100,000 documents\*\* \(2026-12-07 07:03 UTC; 1-minute load average 9\.1–9\.1 when the parts started .*Complete set: 3 run\(s\)/,
    );
    expect(block).toContain('The relevance check passed');
  });

  it("checks issue 14's goals on the medians", () => {
    // p95 median 24 ms ≤ 25: met; database 400 / 800 MB = 0.50× FTS5: met; 100,000 docs in 300 s = 333 docs/s: not met.
    expect(block).toContain('query p95 ≤ 25 ms: 24.0 (met)');
    expect(block).toContain('database ≤ 1.5 × FTS5: 0.50 (met)');
    expect(block).toContain('build ≥ 1000 docs/s: 333 (**no**)');
    expect(block).toContain('open ≤ 50 ms: 40.0 (met)');
  });

  it('replaces only what is between its markers in the README', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'report-test-'));
    try {
      const readme = path.join(dir, 'README.md');
      writeFileSync(
        readme,
        '# Benchmarks\n10k table stays\n<!-- bench:100k:start -->\nold\n<!-- bench:100k:end -->\nafter\n',
      );
      const markers = largeReadmeMarkers(100_000);
      if (!markers) throw new Error('no markers');
      writeReadmeTable(readme, 'new block', markers);
      expect(readFileSync(readme, 'utf8')).toBe(
        '# Benchmarks\n10k table stays\n<!-- bench:100k:start -->\nnew block\n<!-- bench:100k:end -->\nafter\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the status of an unfinished run', () => {
  it("lists each finished step's figures or failure, in the order they finished", () => {
    const at = (minute: number) => `2026-12-07T08:${String(minute).padStart(2, '0')}:00.000Z`;
    const common = { loadAverage: 20, codeVersion: 'abc123' };
    const status = formatStatus(
      {
        parameters: {
          seed: 1,
          sizes: [100_000],
          runsPerSize: [1],
          repetitionsPerSize: [3],
          warmup: 2,
          competitors: true,
          zim: false,
        },
        codeVersion: 'abc123',
        startedAt: '2026-12-07T07:03:58.000Z',
        commandLine: ['npm', 'run', 'bench', '--', '--docs', '100000'],
      },
      new Map<string, StepOutcome<unknown>>([
        [
          '100000.r1.lunr-build',
          { ok: false, error: 'out of memory, projected\nstack', wallMs: 60_000, finishedAt: at(30), ...common },
        ],
        [
          '100000.r1.app-build',
          { ok: true, value: { measurement: build(300, 918) }, wallMs: 300_000, finishedAt: at(10), ...common },
        ],
        [
          '100000.r1.app-search',
          { ok: true, value: search(41.5, 22.25, 290), wallMs: 20_000, finishedAt: at(20), ...common },
        ],
      ]),
    );
    expect(status.split('\n')).toEqual([
      'Run started 2026-12-07T07:03:58.000Z with code abc123: `npm run bench -- --docs 100000`; 3 step(s) finished.',
      '',
      '- 100000.r1.app-build: 100000 documents, 300000 ms, 918 MB peak RSS',
      '- 100000.r1.app-search: 290 MB peak RSS, 41.5 ms open, 5.56 ms p50, 22.25 ms p95',
      '- 100000.r1.lunr-build: FAILED out of memory, projected',
    ]);
  });
});
