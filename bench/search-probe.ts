/**
 * Child process: opens one database in a fresh Node process, times the open,
 * warms up, then times every query of the fixed set several times.
 *   tsx bench/search-probe.ts <lunr|fts5> <db.sqlite> <repetitions> <warmup>
 * Timings use process.hrtime in this process, so process start-up and module
 * loading are not counted as index loading (module load is reported apart).
 */
import { isMainThread, Worker } from 'node:worker_threads';
import type { SearchRequest } from '../src-main/common/types';
import { limitSearchHeapGrowth, SEARCH_THREAD_RESOURCE_LIMITS } from '../src-main/common/search-thread-limits';
import { cpuMs, elapsedMs, emitResult, maxRssMb, type Engine, type QueryMeasurement } from './child-protocol';
import { BENCH_QUERIES, type BenchQuery } from './queries';
import { median, percentile } from './stats';

interface Answer {
  total: number;
  firstTitle: string | null;
  notice: string | null;
}

type Runner = (query: BenchQuery) => Answer;

interface OpenEngine {
  moduleLoadMs: number;
  openMs: number;
  openCpuMs: number;
  run: Runner;
  /** A lighter variant timed apart (FTS5: top 20 only, without total and facets). */
  runTopOnly?: Runner;
  /** Untimed: ids of the queries whose top 10 ranks a document lacking a query word above one holding all. */
  relevanceViolations?: () => string[];
}

const PAGE = 20;

async function openEngine(engine: Engine, databasePath: string): Promise<OpenEngine> {
  if (engine === 'lunr') {
    let started = process.hrtime.bigint();
    const { openArchive } = await import('../src-main/core/store/archive');
    const moduleLoadMs = elapsedMs(started);
    started = process.hrtime.bigint();
    const cpuStarted = process.cpuUsage();
    const archive = openArchive(databasePath);
    const openMs = elapsedMs(started);
    const openCpuMs = cpuMs(cpuStarted);
    return {
      moduleLoadMs,
      openMs,
      openCpuMs,
      run: (query) => {
        const request: SearchRequest = { query: query.lunr, limit: PAGE };
        if (query.filters) request.filters = query.filters;
        if (query.sort) request.sort = query.sort;
        const response = archive.search(request);
        return {
          total: response.total,
          firstTitle: response.hits[0]?.title ?? null,
          notice: response.notice?.code ?? null,
        };
      },
      relevanceViolations: () => {
        const violations: string[] = [];
        for (const query of BENCH_QUERIES) {
          if (query.kind !== 'two-words' && query.kind !== 'accent-free') continue;
          const words = query.lunr.split(/\s+/).filter((word) => /^[\p{L}\p{N}]+$/u.test(word));
          if (words.length < 2) continue;
          // Every word required: the documents holding all of them (no snippets: ids only).
          const all = archive.search(
            { query: words.map((word) => `+${word}`).join(' '), limit: 1_000_000 },
            { snippets: false },
          );
          const holding = new Set(all.hits.map((hit) => hit.id));
          const top = archive.search({ query: query.lunr, limit: 10 }, { snippets: false }).hits;
          const firstLacking = top.findIndex((hit) => !holding.has(hit.id));
          if (firstLacking >= 0 && top.slice(firstLacking).some((hit) => holding.has(hit.id)))
            violations.push(query.id);
        }
        return violations;
      },
    };
  }
  let started = process.hrtime.bigint();
  const { Fts5Searcher } = await import('./fts5-baseline');
  const moduleLoadMs = elapsedMs(started);
  started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  const searcher = new Fts5Searcher(databasePath);
  const openMs = elapsedMs(started);
  const openCpuMs = cpuMs(cpuStarted);
  return {
    moduleLoadMs,
    openMs,
    openCpuMs,
    run: (query) => {
      const response = searcher.search({ match: query.fts, filters: query.filters, sort: query.sort, limit: PAGE });
      return { total: response.total, firstTitle: response.hits[0]?.title ?? null, notice: null };
    },
    runTopOnly: (query) => {
      const response = searcher.search({
        match: query.fts,
        filters: query.filters,
        sort: query.sort,
        limit: PAGE,
        facets: false,
      });
      return { total: response.total, firstTitle: response.hits[0]?.title ?? null, notice: null };
    },
  };
}

async function main(): Promise<void> {
  const [engine, databasePath, repetitionsArg, warmupArg] = process.argv.slice(2);
  if ((engine !== 'lunr' && engine !== 'fts5') || !databasePath) {
    throw new Error('usage: search-probe.ts <lunr|fts5> <db.sqlite> [repetitions] [warmup]');
  }
  const repetitions = Number(repetitionsArg ?? 5);
  const warmup = Number(warmupArg ?? 2);
  const opened = await openEngine(engine, databasePath);
  const { moduleLoadMs, openMs, openCpuMs, run, runTopOnly } = opened;
  const memory = process.memoryUsage();

  const [firstQuery] = BENCH_QUERIES;
  if (!firstQuery) throw new Error('the query set is empty');
  const firstStarted = process.hrtime.bigint();
  run(firstQuery);
  const firstQueryMs = elapsedMs(firstStarted);

  const answers = new Map<string, Answer>();
  for (let round = 0; round < warmup; round++) for (const query of BENCH_QUERIES) answers.set(query.id, run(query));

  const perQuery = new Map<string, number[]>(BENCH_QUERIES.map((query) => [query.id, []]));
  const perQueryCpu = new Map<string, number[]>(BENCH_QUERIES.map((query) => [query.id, []]));
  const all: number[] = [];
  const allCpu: number[] = [];
  for (let round = 0; round < repetitions; round++) {
    for (const query of BENCH_QUERIES) {
      const cpuStarted = process.cpuUsage();
      const started = process.hrtime.bigint();
      answers.set(query.id, run(query));
      const ms = elapsedMs(started);
      const cpu = cpuMs(cpuStarted);
      allCpu.push(cpu);
      perQueryCpu.get(query.id)?.push(cpu);
      perQuery.get(query.id)?.push(ms);
      all.push(ms);
    }
  }

  // The peak of opening and answering the query set: the relevance check below asks for every
  // match of some queries (limit 1,000,000), which no user's search does.
  const searchMaxRssMb = maxRssMb();
  const after = process.memoryUsage();
  const memoryAfterQueries = {
    rssMb: after.rss / 2 ** 20,
    heapUsedMb: after.heapUsed / 2 ** 20,
    heapTotalMb: after.heapTotal / 2 ** 20,
    externalMb: after.external / 2 ** 20,
    arrayBuffersMb: after.arrayBuffers / 2 ** 20,
  };

  const topOnly: number[] = [];
  if (runTopOnly) {
    for (let round = 0; round < warmup; round++) for (const query of BENCH_QUERIES) runTopOnly(query);
    for (let round = 0; round < repetitions; round++) {
      for (const query of BENCH_QUERIES) {
        const started = process.hrtime.bigint();
        runTopOnly(query);
        topOnly.push(elapsedMs(started));
      }
    }
  }

  const queries: QueryMeasurement[] = BENCH_QUERIES.map((query) => {
    const answer = answers.get(query.id);
    return {
      id: query.id,
      medianMs: median(perQuery.get(query.id) ?? []),
      medianCpuMs: median(perQueryCpu.get(query.id) ?? []),
      total: answer?.total ?? 0,
      firstTitle: answer?.firstTitle ?? null,
      notice: answer?.notice ?? null,
    };
  });
  emitResult({
    engine,
    moduleLoadMs,
    openMs,
    openCpuMs,
    firstQueryMs,
    p50Ms: percentile(all, 50),
    p95Ms: percentile(all, 95),
    maxMs: Math.max(...all),
    samples: all.length,
    cpuP50Ms: percentile(allCpu, 50),
    cpuP95Ms: percentile(allCpu, 95),
    ...(topOnly.length > 0 ? { topOnlyP50Ms: percentile(topOnly, 50), topOnlyP95Ms: percentile(topOnly, 95) } : {}),
    rssAfterOpenMb: memory.rss / 2 ** 20,
    heapAfterOpenMb: memory.heapUsed / 2 ** 20,
    memoryAfterQueries,
    maxRssMb: searchMaxRssMb,
    queries,
    ...(opened.relevanceViolations ? { relevanceViolations: opened.relevanceViolations() } : {}),
  });
}

/**
 * The searches run in a worker thread with the limits of the app's search threads (browser
 * mode's pool, the desktop app's archive worker: common/search-thread-limits.ts, its heap growth
 * included), so that the
 * process's peak RSS is that of the app's way of searching; this thread only waits.
 */
function runInSearchThread(): void {
  limitSearchHeapGrowth();
  const worker = new Worker(new URL(import.meta.url), {
    argv: process.argv.slice(2),
    resourceLimits: SEARCH_THREAD_RESOURCE_LIMITS,
  });
  worker.on('error', (error: unknown) => {
    fail(error);
  });
  worker.on('exit', (code) => {
    if (code !== 0) process.exitCode = code;
  });
}

function fail(error: unknown): void {
  process.stderr.write(
    `search-probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}

if (isMainThread) runInSearchThread();
else main().catch(fail);
