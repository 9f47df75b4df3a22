/** What one benchmark run of one size measured (run.ts), as the report writers read it (report.ts). */
import type { BuildMeasurement, Engine, SearchMeasurement } from './child-protocol';
import type { ColdCliMeasurement } from './cold-cli';
import type { DatabaseSizes } from './db-sizes';
import type { ZimComparison } from './zim-compare';

/** Other in-memory engines on the app's documents (competitor-probe.ts). */
export const COMPETITORS = ['flexsearch', 'minisearch', 'lunr'] as const;
export type CompetitorName = (typeof COMPETITORS)[number];

export interface LunrSizes extends DatabaseSizes {
  indexBytes: number | null;
  indexLocation: string | null;
}

export interface CompetitorBuild {
  documents: number;
  totalMs: number;
  cpuMs: number;
  maxRssMb: number;
  indexBytes: number;
}

export interface CompetitorSearch {
  openMs: number;
  openCpuMs: number;
  p50Ms: number;
  p95Ms: number;
  maxRssMb: number;
}

export interface CompetitorRecord {
  build?: CompetitorBuild;
  search?: CompetitorSearch;
  /** Why a step failed, short enough for the engine's row (e.g. out of memory at 100,000 documents). */
  failure?: string;
}

export interface RunRecord {
  competitors?: Partial<Record<CompetitorName, CompetitorRecord>>;
  run: number;
  /** 1-minute load average before the run: other work on a shared machine moves the numbers. */
  loadAverage: number;
  build: Partial<Record<Engine, BuildMeasurement>>;
  search: Partial<Record<Engine, SearchMeasurement>>;
  sizes: { lunr?: LunrSizes; fts5?: DatabaseSizes & { indexBytes: number } };
  /** Steps that failed (e.g. out of memory), with the reason; the rest of the run still counts. */
  errors: string[];
  /** The app's archive of this run beside a ZIM of the same documents (zim-compare.ts). */
  zim?: ZimComparison;
  /** Cold `corpus search` on this run's archive beside bare Node starts (cold-cli.ts). */
  coldCli?: ColdCliMeasurement;
}

/** One step's wall time as the parent measured it (spawn to result), for the "where the hours go" table. */
export interface StepTiming {
  /** e.g. "app build", "lunr search"; generation has run 0. */
  part: string;
  run: number;
  wallMs: number;
  ok: boolean;
  /** 1-minute load average when the step started. */
  loadAverage: number;
}
