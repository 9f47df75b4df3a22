import { describe, expect, it } from 'vitest';
import { formatStartReport, type StartRun } from '../../../bench/start-report';

const cli = { starts: 3, searchMs: 190, searchCpuMs: 180, bareNodeMs: 30, bareNodeCpuMs: 20 };

describe('the start-up table', () => {
  it('shows what the machine NODE_EXTRA_CA_CERTS adds to a Node start, as the median of the runs', () => {
    const runs: StartRun[] = [70, 90, 80].map((withIt) => ({
      loadAverage: 1,
      cli: { ...cli, bareNodeWithExtraCaCertsMs: withIt, bareNodeWithExtraCaCertsCpuMs: withIt - 10 },
    }));
    const row = formatStartReport(10_000, runs, 'now')
      .split('\n')
      .find((line) => line.includes('NODE_EXTRA_CA_CERTS (not set'));
    expect(row).toBe(
      '| bare `node -e ""` with this machine\'s NODE_EXTRA_CA_CERTS (not set for any start above) | 80.0 (CPU 70.0) ' +
        '| without it 30.0 (CPU 20.0) | 2.7× | — |',
    );
  });

  it('has no such row where the machine sets no NODE_EXTRA_CA_CERTS', () => {
    const table = formatStartReport(10_000, [{ loadAverage: 1, cli }], 'now');
    expect(table).toContain('cold `corpus search`');
    expect(table).not.toContain('with this machine');
  });
});
