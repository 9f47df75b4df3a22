import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import type { Archive } from '../core/store/archive';
import type { SearchRequest, SearchResponse } from '../common/types';
import type { SearchOutcome, SearchTask, SearchWorkerData } from './search-worker';
import { ApiError } from '../common/errors';
import { limitSearchHeapGrowth, SEARCH_THREAD_RESOURCE_LIMITS } from '../common/search-thread-limits';

/**
 * Runs searches off the event loop, so one expensive query cannot stall status, static files
 * and every other client: a fixed pool of worker threads (one per core), a bounded queue, and a
 * deadline after which the search is abandoned (its worker is terminated and replaced) and the
 * client told to retry later.
 */
export interface SearchRunner {
  run(request: SearchRequest): Promise<SearchResponse>;
  /** Resolves once every worker has opened the library (call before serving: the deadline is for searches). */
  warmUp(): Promise<void>;
  /** A pack was installed or removed: later searches see the new set of archives. */
  libraryChanged(): void;
  close(): Promise<void>;
}

/** The search could not be run now (queue full, deadline passed); the HTTP answer is 503. */
export class SearchBusyError extends Error {
  override readonly name = 'SearchBusyError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    /** `deadline`: this search itself ran too long; `busy`: others held every thread. */
    readonly reason: 'deadline' | 'busy' = 'busy',
  ) {
    super(message);
  }
}

export interface SearchPoolOptions extends SearchWorkerData {
  /** Worker threads; default: one per core. */
  threads?: number;
  /** Searches waiting for a thread; more are refused at once. */
  maxQueue?: number;
  /** Longest wait for a thread before the search is refused (busy server). */
  maxWaitMs?: number;
  /** Longest run of one search on its thread; the thread is then ended and replaced. */
  deadlineMs?: number;
  /** Another worker module's TypeScript source (tests: a worker whose searches are slow on purpose). */
  workerSource?: URL;
}

export const DEFAULT_SEARCH_DEADLINE_MS = 1_000;
/**
 * Of the deadline, what is kept for the answer rather than for the search's own work: the
 * worker's partial answer has to be cloned to this thread, serialised and sent, and a loaded
 * machine wakes timers late. With 1 s, a search that did not wait works for at most 700 ms.
 */
const ANSWER_MARGIN_MS = 300;
/** The thread is stopped this much before the deadline, so that even the 503 leaves within it. */
const ABORT_MARGIN_MS = 60;
/** Work left to a search that waited for a thread until its deadline was nearly spent. */
const MIN_WORK_MS = 50;
const BUSY_MESSAGE = 'The server is busy with other searches. Try again in a moment.';

/**
 * At most `slots` holders at once, the others waiting in arrival order (at most `maxWaiting`, each
 * at most `maxWaitMs`). The pool's own queue stays empty, so its deadline times the run alone.
 */
function createSlots(slots: number, maxWaiting: number, maxWaitMs: number) {
  let held = 0;
  const waiting: (() => void)[] = [];
  return {
    /** `waitMs`: this caller's own limit on the wait (its deadline), when shorter than `maxWaitMs`. */
    async acquire(waitMs = maxWaitMs): Promise<void> {
      if (held < slots) {
        held += 1;
        return;
      }
      if (waiting.length >= maxWaiting) throw new SearchBusyError(BUSY_MESSAGE, 1);
      await new Promise<void>((resolve, reject) => {
        const handOver = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(
          () => {
            waiting.splice(waiting.indexOf(handOver), 1);
            reject(new SearchBusyError(BUSY_MESSAGE, 1));
          },
          Math.min(maxWaitMs, waitMs),
        );
        waiting.push(handOver);
      });
    },
    /** The slot passes straight to the next in line, if any. */
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else held -= 1;
    },
  };
}

/** The worker script: the compiled one beside a bundle, or the TypeScript source through its bootstrap. */
function workerEntry(source?: URL): { filename: string; entry?: string } {
  const here = import.meta.url;
  if (here.endsWith('.ts') || source) {
    return {
      filename: fileURLToPath(new URL('./search-worker-bootstrap.mjs', here)),
      entry: (source ?? new URL('./search-worker.ts', here)).href,
    };
  }
  const compiled = fileURLToPath(new URL('./search-worker.mjs', here));
  if (!existsSync(compiled)) throw new Error(`The search worker is missing beside the server: ${compiled}`);
  return { filename: compiled };
}

export function createSearchPool(options: SearchPoolOptions): SearchRunner {
  // Before any thread starts: V8's heap growth is set per process (search-thread-limits.ts).
  limitSearchHeapGrowth();
  const threads = options.threads ?? Math.max(1, os.availableParallelism());
  const deadlineMs = options.deadlineMs ?? DEFAULT_SEARCH_DEADLINE_MS;
  // Enough for a room of phones each waiting for one search (200 connections at about 5 ms each).
  const maxQueue = options.maxQueue ?? 256;
  const { filename, entry } = workerEntry(options.workerSource);
  const workerData: SearchWorkerData & { entry?: string } = {
    bundledDatabasePath: options.bundledDatabasePath,
    packsDir: options.packsDir,
    ...(entry ? { entry } : {}),
  };
  // piscina is loaded with the pool, not with the server: importing it costs 13-19 ms of CPU
  // that a start, which answers its first searches in its own thread, does not need.
  const pool: Promise<Piscina<SearchTask, SearchOutcome>> = import('piscina').then(
    ({ Piscina: WorkerPool }) =>
      new WorkerPool<SearchTask, SearchOutcome>({
        filename,
        workerData,
        minThreads: threads,
        maxThreads: threads,
        // Tasks are handed over only when a thread is free (see createSlots); this is a backstop.
        maxQueue: threads,
        // Workers keep their open library; they are never idled away.
        idleTimeout: Number.POSITIVE_INFINITY,
        // A small young generation: see search-thread-limits.ts.
        resourceLimits: SEARCH_THREAD_RESOURCE_LIMITS,
      }),
  );
  pool.catch(() => undefined); // A pool that cannot load is reported by warmUp and every run.
  let generation = 0;
  const slots = createSlots(threads, maxQueue, options.maxWaitMs ?? 5_000);
  return {
    async run(request) {
      // The deadline counts from the request, waiting for a thread included.
      const started = performance.now();
      await slots.acquire(Math.max(0, deadlineMs - ABORT_MARGIN_MS));
      let signal: AbortSignal | undefined;
      try {
        const waited = Math.round(performance.now() - started);
        // A search that waited long still gets a moment to answer with what it finds: ending its
        // thread (and starting another, which opens the library again) costs every client more.
        const budgetMs = Math.max(MIN_WORK_MS, deadlineMs - ANSWER_MARGIN_MS - waited);
        signal = AbortSignal.timeout(
          Math.max(deadlineMs - ABORT_MARGIN_MS - waited, budgetMs + ANSWER_MARGIN_MS - ABORT_MARGIN_MS),
        );
        const outcome = await (await pool).run({ request, generation, budgetMs }, { signal });
        if (!outcome.ok) throw new ApiError(outcome.error.name, outcome.error.message, outcome.error.code);
        return outcome.response;
      } catch (error) {
        if (signal?.aborted)
          throw new SearchBusyError(
            `This search took longer than ${deadlineMs / 1000} s and was stopped. Try fewer or more specific words.`,
            2,
            'deadline',
          );
        if (error instanceof Error && /queue is at limit/i.test(error.message))
          throw new SearchBusyError(BUSY_MESSAGE, 1);
        throw error;
      } finally {
        slots.release();
      }
    },
    async warmUp() {
      // One empty search per thread, without a deadline: each worker opens the library first.
      const request: SearchRequest = { query: '', limit: 1 };
      const workers = await pool;
      await Promise.all(Array.from({ length: threads }, () => workers.run({ request, generation })));
    },
    libraryChanged() {
      generation += 1;
    },
    close: () => pool.then((workers) => workers.destroy()),
  };
}

/** Searches in this thread (tests with a fake archive, a library that could not be opened). */
export function inlineSearchRunner(archive: Archive): SearchRunner {
  return {
    run: (request) => Promise.resolve().then(() => archive.search(request)),
    warmUp: () => Promise.resolve(),
    libraryChanged: () => undefined,
    close: () => Promise.resolve(),
  };
}

/** At most `max` searches at a time per client address (one phone cannot fill the whole queue). */
export function createPerAddressLimiter(max: number): { acquire(address: string): (() => void) | null } {
  const running = new Map<string, number>();
  return {
    acquire(address) {
      const count = running.get(address) ?? 0;
      if (count >= max) return null;
      running.set(address, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (running.get(address) ?? 1) - 1;
        if (left <= 0) running.delete(address);
        else running.set(address, left);
      };
    },
  };
}
