import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { brotliCompressSync, type BrotliOptions } from 'node:zlib';
import { framePackedList, PACK_FROM_BYTES, packListBrotliOptions } from '../search/packed-list';

/**
 * Packs the index's long lists (search/packed-list.ts) in worker threads while this thread merges
 * the next ones, for the finish of a build: there the render worker has ended, and brotli of the
 * phrase positions, word forms and postings was more than half of a single-threaded finish
 * (10,000 posts: 5.2 of 8.9 s sampled), with the second core idle.
 *
 * The lists are the same bytes as `packList`'s: a worker runs the same `brotliCompressSync` with
 * the options `packListBrotliOptions` gives (sent with each list), and the header is framed here
 * by `framePackedList`. Node's asynchronous brotli (libuv's pool) was not used: it feeds the
 * encoder in two steps (process, then finish), which can cut a list whose length is a multiple
 * of the encoder's block size into different meta-blocks than the one-step synchronous call.
 *
 * A worker that cannot start or dies is not an error: its lists are compressed in this thread.
 */
export class ListPackPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, (compressed: Uint8Array[] | null) => void>();
  private nextRequest = 0;

  constructor(workerCount = Math.min(MAX_DEFAULT_WORKERS, Math.max(1, availableParallelism()))) {
    for (let count = 0; count < workerCount; count += 1) {
      try {
        const worker = new Worker(WORKER_SOURCE, { eval: true });
        worker.on('message', (answer: PackAnswer) => {
          this.waiting.get(answer.id)?.(answer.compressed ?? null);
          this.waiting.delete(answer.id);
        });
        // A failed worker answers nothing more: what it still owed is compressed here.
        const failed = (): void => {
          const index = this.workers.indexOf(worker);
          if (index >= 0) this.workers.splice(index, 1);
          for (const resolve of this.waiting.values()) resolve(null);
          this.waiting.clear();
        };
        worker.on('error', failed);
        worker.on('exit', failed);
        this.workers.push(worker);
      } catch {
        break; // fewer workers, or none: everything is compressed in this thread
      }
    }
  }

  /**
   * Each item's list (`bytesOf`), packed as `packList` packs it, handed to `write` in item order.
   * `items` is read ahead of the writes by at most a few batches.
   */
  async packEach<T>(
    items: Iterable<T>,
    bytesOf: (item: T) => Uint8Array,
    write: (item: T, packed: Buffer) => void,
  ): Promise<void> {
    const inFlight: Array<PackBatch<T>> = [];
    let batch = emptyBatch<T>();
    const send = (): void => {
      batch.compressed = this.compress(batch.toCompress.map((index) => batch.lists[index] ?? new Uint8Array()));
      // Awaited in order by writeOldest; one left unawaited after a failed write must not be an unhandled rejection.
      batch.compressed.catch(() => undefined);
      inFlight.push(batch);
      batch = emptyBatch<T>();
    };
    const writeOldest = async (): Promise<void> => {
      const oldest = inFlight.shift();
      if (!oldest) return;
      const compressed = await oldest.compressed;
      let next = 0;
      oldest.items.forEach((item, index) => {
        const list = oldest.lists[index] ?? new Uint8Array();
        const brotli = oldest.toCompress[next] === index ? (compressed[next++] ?? null) : null;
        write(item, framePackedList(list, brotli));
      });
    };
    for (const item of items) {
      const list = bytesOf(item);
      if (list.length >= PACK_FROM_BYTES) {
        batch.toCompress.push(batch.items.length);
        batch.bytesToCompress += list.length;
      }
      batch.items.push(item);
      batch.lists.push(list);
      if (batch.bytesToCompress >= BATCH_BYTES || batch.items.length >= BATCH_ITEMS) {
        send();
        while (inFlight.length >= Math.max(1, this.workers.length) * BATCHES_IN_FLIGHT_PER_WORKER) await writeOldest();
      }
    }
    send();
    while (inFlight.length > 0) await writeOldest();
  }

  /** Stops the workers (idempotent). */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate().catch(() => undefined)));
  }

  /** The brotli of each list, by a worker when one is alive, else here. */
  private async compress(lists: Uint8Array[]): Promise<Uint8Array[]> {
    if (lists.length === 0) return [];
    const options = lists.map((list) => packListBrotliOptions(list.length));
    const worker = this.workers[this.nextRequest % Math.max(1, this.workers.length)];
    const id = this.nextRequest++;
    const answer = worker
      ? await new Promise<Uint8Array[] | null>((resolve) => {
          this.waiting.set(id, resolve);
          try {
            const { buffer, bytes, lengths } = concatenated(lists);
            worker.postMessage({ id, bytes, lengths, options } satisfies PackRequest, [buffer]);
          } catch {
            this.waiting.delete(id);
            resolve(null);
          }
        })
      : null;
    return answer ?? lists.map((list, index) => brotliCompressSync(list, options[index]));
  }
}

/**
 * The lists one after the other in one buffer of their own, to be moved to a worker (transferred,
 * not copied), with each one's length. Why: a list sent as it is was cloned with the whole memory
 * behind it, and most lists sit in Node's 8 KB buffer pool (varints.ts copies a list under 4 KB
 * there), so a 600-byte list cost an 8 KB copy; cloning was 15% of the finish's main thread.
 */
function concatenated(lists: readonly Uint8Array[]): { buffer: ArrayBuffer; bytes: Uint8Array; lengths: Uint32Array } {
  const lengths = Uint32Array.from(lists, (list) => list.length);
  const buffer = new ArrayBuffer(lengths.reduce((sum, length) => sum + length, 0));
  const bytes = new Uint8Array(buffer);
  let at = 0;
  for (const list of lists) {
    bytes.set(list, at);
    at += list.length;
  }
  return { buffer, bytes, lengths };
}

/**
 * Workers by default at most: one thread merges and writes, and a few compress faster than it
 * merges (10,000 posts on 2 cores: the two workers were idle 85% of the finish); each is an isolate
 * of its own (some MB), which a many-core machine need not pay for.
 */
const MAX_DEFAULT_WORKERS = 4;
/** Bytes of long lists sent to a worker at once: enough that a message costs little beside its brotli. */
const BATCH_BYTES = 256 * 1024;
/** Items per batch at most, so that a run of short lists (not compressed) is still written as it comes. */
const BATCH_ITEMS = 2048;
/** Batches a worker has queued: it never waits for this thread, and this thread never runs far ahead. */
const BATCHES_IN_FLIGHT_PER_WORKER = 2;

interface PackBatch<T> {
  items: T[];
  lists: Uint8Array[];
  /** Indexes (ascending) of the lists long enough to compress. */
  toCompress: number[];
  bytesToCompress: number;
  compressed: Promise<Uint8Array[]>;
}

function emptyBatch<T>(): PackBatch<T> {
  return { items: [], lists: [], toCompress: [], bytesToCompress: 0, compressed: Promise.resolve([]) };
}

interface PackRequest {
  id: number;
  /** The lists, one after the other (`concatenated`), and each one's length. */
  bytes: Uint8Array;
  lengths: Uint32Array;
  options: BrotliOptions[];
}

interface PackAnswer {
  id: number;
  /** Absent when the worker could not compress (this thread then does). */
  compressed?: Uint8Array[];
}

/**
 * The worker: compresses what it is sent with the options sent along, nothing else. Inline
 * (`eval`), so that bundles need no extra file; it loads only Node's own modules.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { brotliCompressSync } = require('node:zlib');
parentPort.on('message', ({ id, bytes, lengths, options }) => {
  let compressed;
  let transfer = [];
  try {
    const outputs = [];
    let at = 0;
    let total = 0;
    lengths.forEach((length, index) => {
      const output = brotliCompressSync(bytes.subarray(at, at + length), options[index]);
      outputs.push(output);
      at += length;
      total += output.length;
    });
    // One buffer of their own, moved back: each output alone was cloned with the 16 KB chunk behind it.
    const all = new Uint8Array(total);
    let to = 0;
    compressed = outputs.map((output) => {
      all.set(output, to);
      to += output.length;
      return all.subarray(to - output.length, to);
    });
    transfer = [all.buffer];
  } catch {
    compressed = undefined;
  }
  parentPort.postMessage({ id, compressed }, transfer);
});
`;
