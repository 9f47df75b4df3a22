import type { Archive } from '../core/store/archive';
import type { SearchRunner } from './search-pool';

export interface BackgroundPoolOptions {
  /** Creates the worker pool (its threads start loading the bundle and opening the library at once). */
  createPool: () => SearchRunner;
  /** Answers searches in this thread until the pool is ready (the session's archive, already open). */
  archive: Archive;
  /** Start the pool this long after creation even if no search has come yet; 0: at the next turn. */
  idleStartMs: number;
  /** Where a pool that could not warm up is reported (searches then stay in this thread). */
  log: (line: string) => void;
}

/**
 * A search pool that does not hold up the server's start. Starting the workers costs each of
 * them a bundle compile and a library open (hundreds of milliseconds of CPU on a loaded 2-core
 * laptop), which used to be awaited before listening. Instead the server listens at once, the
 * first searches run in this thread on the archive it already opened, and the pool starts
 * after the first search has been answered (or after `idleStartMs` without one), so its threads
 * do not compete with the first page and the first search for the cores. Once every worker
 * has opened the library, searches go to the pool.
 */
export function searchPoolStartedInBackground(options: BackgroundPoolOptions): SearchRunner {
  let pool: SearchRunner | null = null;
  let ready = false;
  let closed = false;
  const start = (): void => {
    if (pool !== null || closed) return;
    clearTimeout(idleTimer);
    const started = options.createPool();
    pool = started;
    started.warmUp().then(
      () => {
        ready = !closed;
      },
      (error: unknown) => {
        options.log(
          `The search threads could not start; searches run in the server's own thread: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
    );
  };
  const idleTimer = setTimeout(start, options.idleStartMs);
  const inline: SearchRunner['run'] = (request) => Promise.resolve().then(() => options.archive.search(request));
  return {
    run(request) {
      if (ready && pool) return pool.run(request);
      const answer = inline(request);
      // After the answer is out: the pool's threads start once the first search no longer needs the cores.
      if (pool === null) {
        const startSoon = (): void => {
          setImmediate(start);
        };
        answer.then(startSoon, startSoon);
      }
      return answer;
    },
    async warmUp() {
      start();
      await pool?.warmUp();
    },
    libraryChanged() {
      pool?.libraryChanged();
    },
    async close() {
      closed = true;
      clearTimeout(idleTimer);
      await pool?.close();
    },
  };
}
