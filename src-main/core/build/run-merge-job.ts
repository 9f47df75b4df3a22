import type { MessagePort } from 'node:worker_threads';
import { packList } from '../search/packed-list';
import { mergedPositions } from './batched-positions';
import { mergeSpilledRuns, type SpilledRuns } from './run-spill';

/**
 * The merge of the phrase positions' spilled runs (build/batched-positions.ts), done in a helper
 * thread during a build's finish (build/run-merge-worker.ts starts it; the render worker's script
 * runs it, see render-worker.ts).
 *
 * Why: the finish merged the phrase positions, the word forms and the postings one after the other
 * on the main thread while the second core mostly waited (10,000 posts: the main thread busy for
 * the whole 1.9 s of the finish, the two packing workers idle 77% of it). The merges are
 * independent, and this one is plain arithmetic on the runs' file plus brotli: done here, the main
 * thread only inserts the rows it gives, while it merges the word forms and postings itself.
 */
export interface RunMergeJob {
  spilled: SpilledRuns;
  /** Every word id in merge order (`BatchedPositionsBuilder.mergeOrder`). */
  order: Int32Array;
}

/**
 * Merged entries, in merge order: each one's key (word id) and its stored list (`packList`'s
 * bytes), the lists one after the other in `bytes`, the i-th ending at `ends[i]`. One buffer of
 * its own, moved between the threads, not copied.
 */
export interface MergedBatch {
  keys: Int32Array;
  ends: Uint32Array;
  bytes: Uint8Array;
}

/** Helper thread -> main thread, on the job's own port. */
export type FromRunMerge =
  | { kind: 'batch'; batch: MergedBatch }
  | { kind: 'done' }
  /** The merge stopped (the main thread then merges the rest itself, and meets the error there). */
  | { kind: 'failed'; message: string };

/**
 * Main thread -> helper thread: a batch was written. The helper is at most BATCHES_AHEAD batches
 * ahead of the writes, so a main thread busy elsewhere (the catalog, the index header) does not
 * pile up the whole table in its message queue.
 */
export interface RunMergeTaken {
  kind: 'taken';
}

export const BATCHES_AHEAD = 4;
/** List bytes per batch: enough that a message costs little beside the merge and brotli of its lists. */
const BATCH_BYTES = 256 * 1024;
/** Entries per batch at most, so that a run of short lists is still handed over as it comes. */
const BATCH_ENTRIES = 2048;

/** Runs `job`, posting its batches and then `done` (or `failed`) to `port`, which it closes at the end. */
export async function runMergeJob(job: RunMergeJob, port: MessagePort): Promise<void> {
  let credits = BATCHES_AHEAD;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credits += 1;
    wake?.();
    wake = null;
  });
  const post = async (batch: BatchBuilder): Promise<void> => {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits -= 1;
    const { merged, buffer } = batch.take();
    port.postMessage({ kind: 'batch', batch: merged } satisfies FromRunMerge, [buffer]);
  };
  try {
    let batch = new BatchBuilder();
    for (const { key, lists } of mergeSpilledRuns(job.spilled, job.order)) {
      batch.add(key, packList(mergedPositions(lists)));
      if (batch.bytes >= BATCH_BYTES || batch.entries >= BATCH_ENTRIES) {
        await post(batch);
        batch = new BatchBuilder();
      }
    }
    if (batch.entries > 0) await post(batch);
    port.postMessage({ kind: 'done' } satisfies FromRunMerge);
  } catch (error) {
    port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    port.close();
  }
}

/** One batch as it fills. */
class BatchBuilder {
  private readonly keys: number[] = [];
  private readonly lists: Buffer[] = [];
  bytes = 0;

  get entries(): number {
    return this.keys.length;
  }

  add(key: number, list: Buffer): void {
    this.keys.push(key);
    this.lists.push(list);
    this.bytes += list.length;
  }

  /**
   * The batch in buffers of its own. Why not `Buffer.concat`: it takes short results from Node's
   * shared 8 KB pool, and moving that memory to another thread would take it from every Buffer in it.
   */
  take(): { merged: MergedBatch; buffer: ArrayBuffer } {
    const buffer = new ArrayBuffer(this.bytes);
    const bytes = new Uint8Array(buffer);
    const ends = new Uint32Array(this.lists.length);
    let at = 0;
    this.lists.forEach((list, index) => {
      bytes.set(list, at);
      at += list.length;
      ends[index] = at;
    });
    return { merged: { keys: Int32Array.from(this.keys), ends, bytes }, buffer };
  }
}
