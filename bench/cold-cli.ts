/**
 * A cold `corpus search` (issue 14: ≤ 0.5 s wall on 10,000 documents): the command as `npm run
 * corpus` runs it (scripts/corpus.mjs: bundle staleness check, then dist/cli/corpus.mjs), each
 * time in a fresh process, beside the same number of bare Node starts (`node -e ""`, the floor
 * any Node command line pays) measured alternately in the same minutes. Wall and CPU time
 * (CPU from /proc, see process-cpu.ts), medians. Where the machine sets NODE_EXTRA_CA_CERTS, which
 * every process of the bench runs without (node-start-env.ts), bare starts with it are timed
 * too, alternately, to show what it adds to any Node start.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { envWithMachineExtraCaCerts } from './node-start-env';
import { endedChildrenCpuMs } from './process-cpu';
import { median } from './stats';

const projectRoot = path.resolve(import.meta.dirname, '..');
/** The word searched: common in the generated posts. */
export const COLD_CLI_QUERY = 'gobierno';

export interface ColdCliMeasurement {
  starts: number;
  /** Medians of `corpus search <db> gobierno`. */
  searchMs: number;
  searchCpuMs: number | null;
  /** Medians of `node -e ""`. */
  bareNodeMs: number;
  bareNodeCpuMs: number | null;
  /** Medians of `node -e ""` with this machine's NODE_EXTRA_CA_CERTS; absent where it sets none. */
  bareNodeWithExtraCaCertsMs?: number;
  bareNodeWithExtraCaCertsCpuMs?: number | null;
}

function timed(args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; cpuMs: number | null } {
  const cpuBefore = endedChildrenCpuMs();
  const started = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: projectRoot,
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
    env,
  });
  const ms = performance.now() - started;
  const cpuAfter = endedChildrenCpuMs();
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} failed (${String(result.status)}): ${result.stderr}`);
  return { ms, cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

/** Builds the command line's bundle if stale (not timed), then times `starts` cold searches and bare starts. */
export function measureColdCli(database: string, starts: number): ColdCliMeasurement {
  timed([path.join(projectRoot, 'scripts/corpus.mjs'), '--help']);
  const search: Array<{ ms: number; cpuMs: number | null }> = [];
  const bare: Array<{ ms: number; cpuMs: number | null }> = [];
  const withExtraCaCertsEnv = envWithMachineExtraCaCerts();
  const bareWithExtraCaCerts: Array<{ ms: number; cpuMs: number | null }> = [];
  for (let index = 0; index < starts; index += 1) {
    search.push(timed([path.join(projectRoot, 'scripts/corpus.mjs'), 'search', database, COLD_CLI_QUERY]));
    bare.push(timed(['-e', '']));
    if (withExtraCaCertsEnv) bareWithExtraCaCerts.push(timed(['-e', ''], withExtraCaCertsEnv));
  }
  const cpu = (runs: Array<{ cpuMs: number | null }>): number | null => {
    const values = runs.map((run) => run.cpuMs).filter((value): value is number => value !== null);
    return values.length === runs.length ? median(values) : null;
  };
  return {
    starts,
    searchMs: median(search.map((run) => run.ms)),
    searchCpuMs: cpu(search),
    bareNodeMs: median(bare.map((run) => run.ms)),
    bareNodeCpuMs: cpu(bare),
    ...(bareWithExtraCaCerts.length > 0
      ? {
          bareNodeWithExtraCaCertsMs: median(bareWithExtraCaCerts.map((run) => run.ms)),
          bareNodeWithExtraCaCertsCpuMs: cpu(bareWithExtraCaCerts),
        }
      : {}),
  };
}
