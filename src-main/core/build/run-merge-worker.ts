import { MessageChannel, type Worker } from 'node:worker_threads';
import { startRenderWorker } from '../import/render-pool';
import type { ToRenderWorker } from '../import/render-protocol';
import type { FromRunMerge, RunMergeJob, RunMergeTaken } from './run-merge-job';

/** A merge running in the helper thread (`RunMergeWorker.merge`). */
export interface RunMerge {
  /**
   * Settles once no more entries will come: fulfilled when the merge ended or the helper failed
   * (see `complete`), rejected only when `take` threw (a write failed).
   */
  readonly done: Promise<void>;
  /** Entries handed to `take` so far. */
  readonly taken: number;
  /** Whether every entry was handed over; if not, the caller merges the rest itself (from `taken` on). */
  readonly complete: boolean;
}

/**
 * A helper thread for a build's finish: it merges the phrase positions' spilled runs
 * (build/run-merge-job.ts) while the main thread writes and merges the rest. It is a fresh thread
 * running the render worker's script, which every build ships (bundles included): no file of its
 * own to build and find, and a fresh heap instead of the render worker's, which held its word memos
 * until the import's end.
 *
 * Any failure of the thread (it cannot start, dies, cannot be sent a job) is not an error: the
 * merge reports itself incomplete and the writer merges the rest in its own thread, with the same
 * result.
 */
export class RunMergeWorker {
  private readonly failures = new Set<() => void>();
  private failed = false;

  private constructor(private readonly worker: Worker) {
    const fail = (): void => {
      this.failed = true;
      for (const failure of this.failures) failure();
      this.failures.clear();
    };
    worker.once('error', fail);
    worker.once('exit', fail);
  }

  /** Starts the helper thread from the render worker's `script`; null when it cannot be started. */
  static start(script: URL): RunMergeWorker | null {
    try {
      return new RunMergeWorker(startRenderWorker(script));
    } catch {
      return null;
    }
  }

  /**
   * Runs `job` in the helper thread (after any earlier job); `take` gets each merged entry in merge
   * order: its key and its packed list (valid during the call).
   */
  merge(job: RunMergeJob, take: (key: number, packed: Buffer) => void): RunMerge {
    const channel = new MessageChannel();
    let taken = 0;
    let complete = false;
    let settle: (error?: unknown) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      settle = (error?: unknown): void => {
        settle = () => undefined;
        this.failures.delete(incomplete);
        channel.port1.close();
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error('the merge helper\'s rows could not be written'));
      };
    });
    // Awaited by the writer; one left unawaited after another failure must not be an unhandled rejection.
    done.catch(() => undefined);
    const incomplete = (): void => settle();
    channel.port1.on('message', (message: FromRunMerge) => {
      if (message.kind !== 'batch') {
        complete = message.kind === 'done';
        settle();
        return;
      }
      const { keys, ends, bytes } = message.batch;
      try {
        let start = 0;
        keys.forEach((key, index) => {
          const end = ends[index] ?? start;
          take(key, Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start));
          taken += 1;
          start = end;
        });
      } catch (error) {
        settle(error);
        return;
      }
      channel.port1.postMessage({ kind: 'taken' } satisfies RunMergeTaken);
    });
    // The helper's end (or its port's) before `done`: incomplete.
    channel.port1.once('close', incomplete);
    if (this.failed) incomplete();
    else {
      this.failures.add(incomplete);
      try {
        this.worker.postMessage({ kind: 'merge-runs', job, port: channel.port2 } satisfies ToRenderWorker, [
          channel.port2,
        ]);
      } catch {
        incomplete();
      }
    }
    return {
      done,
      get taken() {
        return taken;
      },
      get complete() {
        return complete;
      },
    };
  }

  /** Stops the helper thread (idempotent). */
  async close(): Promise<void> {
    await this.worker.terminate().catch(() => undefined);
  }
}
