/**
 * Where the search process's resident memory goes (issue 14): the benchmark's search probe shape
 * (this thread waits, a worker thread with the app's search-thread limits opens the archive and
 * answers the 44 queries, warm-up passes then timed ones), with a snapshot of memory after the open
 * and after the queries:
 *   - process.memoryUsage() and V8's heap spaces of BOTH isolates (this thread and the worker);
 *   - /proc/self/smaps, grouped: file-backed (node binary, shared libraries, better-sqlite3's
 *     addon), the brk heap (glibc's main malloc arena), other anonymous mappings (V8's pages of
 *     both isolates, thread malloc arenas, thread stacks);
 *   - SQLite's settings of the corpus connection (cache_size, mmap_size).
 * On a corpus kept by `npm run bench -- --keep`:
 *   npx tsx bench/memory-breakdown.ts <db.sqlite> [--snapshot <dir>] [--trace]
 * which bundles this script and runs the bundle, as the bench runs its search probe
 * (bench/child-bundle.ts: under tsx the process would also hold TypeScript's compiler).
 * `--snapshot <dir>` also writes a heap snapshot of the worker after the queries (Chrome DevTools);
 * `--trace` prints the queries that grew RSS by more than 1.5 MB.
 */
import { once } from 'node:events';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { limitSearchHeapGrowth, SEARCH_THREAD_RESOURCE_LIMITS } from '../src-main/common/search-thread-limits';
import type { SearchRequest } from '../src-main/common/types';
import { bundledChild } from './child-bundle';
import { BENCH_QUERIES } from './queries';

const MB = 2 ** 20;

interface IsolateMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Committed pages per heap space (physical_space_size), MB. */
  spaces: Record<string, number>;
  /** Malloced memory V8 reports for the isolate (zones, compiler), MB. */
  mallocedMemory: number;
}

interface WorkerOptions {
  databasePath: string;
  snapshotDir: string | null;
  /** Print each query that grew RSS by more than 1.5 MB (where the growth happens). */
  trace: boolean;
  repetitions: number;
  warmup: number;
}

type Checkpoint = 'after open' | 'after queries';

interface WorkerReport {
  checkpoint: Checkpoint;
  memory: IsolateMemory;
  sqlite?: Record<string, number | string>;
}

function isolateMemory(): IsolateMemory {
  const usage = process.memoryUsage();
  const spaces: Record<string, number> = {};
  for (const space of v8.getHeapSpaceStatistics()) spaces[space.space_name] = space.physical_space_size / MB;
  return {
    rss: usage.rss / MB,
    heapTotal: usage.heapTotal / MB,
    heapUsed: usage.heapUsed / MB,
    external: usage.external / MB,
    arrayBuffers: usage.arrayBuffers / MB,
    spaces,
    mallocedMemory: v8.getHeapStatistics().malloced_memory / MB,
  };
}

/** Resident kB of /proc/self/smaps, by kind of mapping. */
function smapsGroups(): Record<string, number> {
  const groups: Record<string, number> = {};
  let current = 'anonymous';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      const name = header[1] ?? '';
      if (name === '') current = 'anonymous (V8 pages, thread arenas, stacks)';
      else if (name === '[heap]') current = '[heap] (main malloc arena)';
      else if (name.startsWith('[')) current = name;
      else if (name.endsWith('.node')) current = `addon ${path.basename(name)}`;
      else if (name.includes('/node')) current = 'node binary';
      else current = 'other files (shared libraries, data)';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) groups[current] = (groups[current] ?? 0) + Number(rss[1]) / 1024;
  }
  return groups;
}

function rollup(): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const line of readFileSync('/proc/self/smaps_rollup', 'utf8').split('\n')) {
    const match = /^(\w+):\s+(\d+) kB/.exec(line);
    if (match?.[1] && ['Rss', 'Anonymous', 'Shared_Clean', 'Private_Clean', 'Private_Dirty'].includes(match[1]))
      fields[match[1]] = Number(match[2]) / 1024;
  }
  return fields;
}

async function searchThread(options: WorkerOptions): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('memory-breakdown: the search thread has no parent');
  const { openArchive } = await import('../src-main/core/store/archive');
  const { openDatabase } = await import('../src-main/core/db/open-database');
  const { CORPUS_PAGE_CACHE_KIB } = await import('../src-main/core/store/corpus-reader');
  const archive = openArchive(options.databasePath);
  // A second read-only connection to read the pragmas' values (the archive's own is private): what
  // a new connection gets; the reader sets its page cache itself.
  const probe = openDatabase(options.databasePath, { readonly: true });
  const sqlite: Record<string, number | string> = {
    default_cache_size: Number(probe.pragma('cache_size', { simple: true })),
    corpus_cache_size: -CORPUS_PAGE_CACHE_KIB,
    mmap_size: Number(probe.pragma('mmap_size', { simple: true })),
    page_size: Number(probe.pragma('page_size', { simple: true })),
  };
  probe.close();
  // The worker waits while the main thread reads /proc: memory it frees meanwhile (its isolate's
  // teardown at the end) would otherwise be missing from one reading and not from another.
  const report = async (checkpoint: Checkpoint): Promise<void> => {
    const message: WorkerReport = { checkpoint, memory: isolateMemory(), sqlite };
    const read = once(port, 'message');
    port.postMessage(message);
    await read;
  };
  await report('after open');
  const run = (index: number): void => {
    const query = BENCH_QUERIES[index];
    if (!query) return;
    const request: SearchRequest = { query: query.lunr, limit: 20 };
    if (query.filters) request.filters = query.filters;
    if (query.sort) request.sort = query.sort;
    archive.search(request);
  };
  const jumps: string[] = [];
  for (let round = 0; round < options.warmup + options.repetitions; round++) {
    for (let index = 0; index < BENCH_QUERIES.length; index++) {
      const before = process.memoryUsage();
      run(index);
      const after = process.memoryUsage();
      if (options.trace && after.rss - before.rss > 1.5 * MB)
        jumps.push(
          `${String(round)} ${BENCH_QUERIES[index]?.id ?? ''} rss +${((after.rss - before.rss) / MB).toFixed(1)} -> ${(after.rss / MB).toFixed(0)} heap ${(after.heapTotal / MB).toFixed(0)} ab ${(after.arrayBuffers / MB).toFixed(0)}`,
        );
    }
  }
  if (jumps.length > 0) process.stderr.write(`${jumps.join('\n')}\n`);
  await report('after queries');
  if (options.snapshotDir) v8.writeHeapSnapshot(path.join(options.snapshotDir, 'search-thread.heapsnapshot'));
  archive.close();
}

function main(): void {
  const args = process.argv.slice(2);
  const databasePath = args[0];
  if (!databasePath) throw new Error('usage: memory-breakdown.ts <db.sqlite> [--snapshot <dir>] [--trace]');
  const snapshotAt = args.indexOf('--snapshot');
  const options: WorkerOptions = {
    databasePath,
    snapshotDir: snapshotAt >= 0 ? (args[snapshotAt + 1] ?? '.') : null,
    trace: args.includes('--trace'),
    repetitions: 5,
    warmup: 2,
  };
  limitSearchHeapGrowth();
  const worker = new Worker(new URL(import.meta.url), {
    workerData: options,
    resourceLimits: SEARCH_THREAD_RESOURCE_LIMITS,
  });
  worker.on('message', (report: WorkerReport) => {
    const table = {
      checkpoint: report.checkpoint,
      processRss: rollup(),
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      smaps: smapsGroups(),
      mainIsolate: isolateMemory(),
      searchIsolate: report.memory,
      sqlite: report.sqlite,
    };
    process.stdout.write(`${JSON.stringify(table, (_key, value: unknown) => round(value), 2)}\n`);
    worker.postMessage('measured');
  });
  worker.on('error', (error: unknown) => {
    process.stderr.write(`memory-breakdown failed: ${String(error)}\n`);
    process.exitCode = 1;
  });
}

function round(value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 10) / 10 : value;
}

/** Under tsx (a .ts entry), bundle this script and run the bundle, so tsx's own memory is not counted. */
function runBundled(): boolean {
  const entry = fileURLToPath(import.meta.url);
  if (!entry.endsWith('.ts')) return false;
  const projectRoot = path.resolve(path.dirname(entry), '..');
  const bundle = bundledChild(entry, projectRoot);
  const child = spawnSync(process.execPath, [bundle, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
  return true;
}

if (isMainThread) {
  if (!runBundled()) main();
} else
  searchThread(workerData as WorkerOptions).catch((error: unknown) => {
    process.stderr.write(`memory-breakdown failed: ${String(error)}\n`);
    process.exit(1);
  });
