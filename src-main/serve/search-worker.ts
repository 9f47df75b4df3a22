/**
 * A search worker of browser mode's pool (piscina): opens the library itself, read-only, from
 * the paths in its workerData, and answers one search per task. A search that runs past the
 * pool's deadline ends with this whole thread (the pool starts a fresh one), so nothing here
 * has to be interruptible.
 */
import { workerData } from 'piscina';
import { openLibrary, type Library } from '../core/packs/library';
import type { SearchRequest, SearchResponse } from '../common/types';
import { ApiError, type ApiErrorPayload } from '../common/errors';
import { isRecord } from '../common/guards';

export interface SearchWorkerData {
  bundledDatabasePath: string | null;
  packsDir: string;
}

export interface SearchTask {
  request: SearchRequest;
  /** Bumped by the pool whenever a pack is installed or removed: the worker then reopens. */
  generation: number;
  /**
   * Milliseconds this search may work before it answers with what it has (SearchOptions.deadline),
   * counted from when the worker takes it; the pool keeps the rest of its deadline for the answer
   * to travel. Absent: no limit (the warm-up).
   */
  budgetMs?: number;
}

function isWorkerData(value: unknown): value is SearchWorkerData {
  if (!isRecord(value)) return false;
  const data = value;
  return (
    (data.bundledDatabasePath === null || typeof data.bundledDatabasePath === 'string') &&
    typeof data.packsDir === 'string'
  );
}

if (!isWorkerData(workerData)) throw new Error('search worker started without its library paths');
const paths: SearchWorkerData = workerData;

function open(): Library {
  // Read-only: the server's own thread installs packs, and a repair here would delete one mid-install.
  return openLibrary({
    bundledDatabasePath: paths.bundledDatabasePath,
    packsDir: paths.packsDir,
    allowEmpty: true,
    readOnly: true,
  });
}

// Opened at start, not on the first task: a replacement worker is ready before it is needed.
let library = open();
let openedGeneration = 0;

/**
 * A search's answer, or the core's refusal of it as data: an `ApiError` thrown here would reach
 * the pool as a plain Error (a thread boundary keeps only standard error classes), and a refusal
 * such as a query over the length limit must stay a 400, not become a 500.
 */
export type SearchOutcome = { ok: true; response: SearchResponse } | { ok: false; error: ApiErrorPayload };

export default function search(task: SearchTask): SearchOutcome {
  if (task.generation !== openedGeneration) {
    library.close();
    library = open();
    openedGeneration = task.generation;
  }
  try {
    const deadline = task.budgetMs === undefined ? undefined : performance.now() + task.budgetMs;
    return { ok: true, response: library.archive.search(task.request, deadline === undefined ? {} : { deadline }) };
  } catch (error) {
    // Anything else is a bug or a broken file: it propagates (the server logs it, answers 500).
    if (error instanceof ApiError) return { ok: false, error: error.toPayload() };
    throw error;
  }
}
