import { describe, expect, it } from 'vitest';
import { formatZimReport } from '../../../bench/zim-report';
import type { ZimComparison } from '../../../bench/zim-compare';

function run(appMb: number, zimMb: number, firstSearchMs: number, packMb?: number): ZimComparison {
  return {
    documents: 10_000,
    appBytes: appMb * 1e6,
    zimBytes: zimMb * 1e6,
    ...(packMb === undefined ? {} : { packBytes: packMb * 1e6 }),
    appTables: [
      { name: 'document_blocks', bytes: 18.7e6 },
      { name: 'phrase_positions', bytes: 14.75e6 },
      { name: 'tiny', bytes: 1000 },
    ],
    zimBuildMs: 1000,
    app: { firstPageMs: 100, firstSearchMs },
    kiwix: { firstPageMs: 50, firstSearchMs: 100 },
  };
}

describe('the ZIM comparison table', () => {
  it('gives the median of three runs, the ratio against the goal, the load and the last run’s tables', () => {
    const table = formatZimReport(
      [{ label: 'generated posts', runs: [run(60, 24.8, 300), run(55.8, 24.8, 150), run(56, 24.8, 180)] }],
      '2026-12-06 18:00 UTC',
      [31.7, 12.4, 20],
    );
    // Median app size 56.0 MB over 24.8 MB: 2.26×, above the goal.
    expect(table).toContain('| generated posts (10,000 docs) | 3 | 56.0 | 24.8 | 2.26× **no** | — |');
    expect(table).toContain('180 / 100 (1.8×; goal ≤ 200: met)');
    expect(table).toContain('Load average before the runs: 12.4–31.7.');
    expect(table).toContain('document_blocks 18.70 MB, phrase_positions 14.75 MB.');
    expect(table).not.toContain('tiny');
  });

  it('shows the pack beside its archive (median over the runs that measured it)', () => {
    const table = formatZimReport(
      [
        {
          label: 'generated posts',
          runs: [run(48.1, 24.8, 150, 40.2), run(48.1, 24.8, 150, 40.4), run(48.1, 24.8, 150)],
        },
        { label: 'real', runs: [run(11.9, 11.5, 150, 12.0)] },
      ],
      '2026-12-06 23:00 UTC',
    );
    // (40.2 + 40.4) / 2 over 48.1 MB: 0.84×.
    expect(table).toContain('| 1.94× met | 40.3 (0.84×) met |');
    expect(table).toContain('| 1.03× met | 12.0 (1.01×) **no** |');
  });
});
