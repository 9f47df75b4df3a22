/**
 * What the benchmark's child processes print: one line, `BENCH_RESULT ` followed
 * by JSON, so that logging from the code under test cannot be mistaken for it.
 */
export const RESULT_PREFIX = 'BENCH_RESULT ';

export type Engine = 'lunr' | 'fts5';

export interface BuildMeasurement {
  engine: Engine;
  documents: number;
  /** lunr: the whole `buildCorpus` as a librarian runs it; fts5: the same import, then the FTS5 database written. */
  totalMs: number;
  /** lunr: the import phase of `buildCorpus` (until its last progress event; documents are analysed and written during it); fts5: the import. */
  importMs?: number;
  importCpuMs?: number;
  /** FTS5 phases after import. */
  insertMs?: number;
  indexMs?: number;
  optimiseMs?: number;
  warnings: number;
  /** User + system CPU time of the build: what the build costs even when other work shares the cores. */
  cpuMs: number;
  maxRssMb: number;
}

export interface QueryMeasurement {
  id: string;
  /** Median latency of this query over the measured repetitions. */
  medianMs: number;
  /** Median CPU time of this query (steadier than wall time on a shared machine). */
  medianCpuMs?: number;
  total: number;
  /** First hit's title, to eyeball that both engines found related documents. */
  firstTitle: string | null;
  /** Set when the app answered with a notice (e.g. it fell back to literal terms). */
  notice: string | null;
}

export interface SearchMeasurement {
  engine: Engine;
  /** Time to import the engine's modules in the fresh process (not part of the open time). */
  moduleLoadMs: number;
  /** `openArchive` (lunr: reads the database and deserialises the index) or opening the FTS5 database. */
  openMs: number;
  /** The very first query, before warm-up (shows lazy loading, if any). */
  firstQueryMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  samples: number;
  /** The same samples as CPU time of the process (user + system), less moved by other work on the machine. */
  cpuP50Ms: number;
  cpuP95Ms: number;
  /** CPU time of the open. */
  openCpuMs: number;
  /** FTS5 only: the same queries answering just the top 20 by bm25 (no total, no facets). */
  topOnlyP50Ms?: number;
  topOnlyP95Ms?: number;
  rssAfterOpenMb: number;
  heapAfterOpenMb: number;
  /**
   * After the timed queries (where the search process's memory goes, issue 14): RSS, V8 heap
   * used and reserved, and memory outside the heap (ArrayBuffers, Buffers, native allocations).
   */
  memoryAfterQueries?: {
    rssMb: number;
    heapUsedMb: number;
    heapTotalMb: number;
    externalMb: number;
    arrayBuffersMb: number;
  };
  maxRssMb: number;
  queries: QueryMeasurement[];
  /** The app only: queries whose top 10 ranks a document lacking a query word above one with every word. */
  relevanceViolations?: string[];
}

export function emitResult(value: BuildMeasurement | SearchMeasurement): void {
  process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(value)}\n`);
}

/** `process.resourceUsage().maxRSS` is in kilobytes. */
export function maxRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** CPU time (user + system, all threads of this process) since `since`, in ms. */
export function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

export function elapsedMs(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}
