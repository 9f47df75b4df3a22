import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

/**
 * Sorted runs of (key, list) entries spilled by a batched build, merged back key by key.
 *
 * Why: a build used to keep every document's postings, phrase positions and word forms in memory
 * until the end (3.8 GB at 100,000 documents). A batched build writes each batch's lists as one
 * run, sorted by the final order of their keys (terms or word forms), and lets the batch go; at the
 * end every run is read once, front to back, and the lists of each key are handed over together,
 * run by run (so in document order): a k-way merge as Lucene or Xapian merge their segments.
 * Memory is then a read window per run, whatever the corpus size.
 *
 * A key is a number the caller gives each distinct term; `merge` takes every key in ascending final
 * order, and each run must list its keys in that same order.
 */
export interface RunStore {
  /** Appends one run: `entries` in ascending final order of their keys, each key at most once. */
  writeRun(entries: Iterable<RunEntry>): void;
  /**
   * For each key of `order` (every key, in ascending final order) held by at least one run: the key
   * and its lists from every run holding it, in run order. A list is only valid until the next step.
   */
  merge(order: Int32Array): Generator<RunEntryGroup>;
  /** Frees memory and removes any file. */
  dispose(): void;
}

export interface RunEntry {
  key: number;
  list: Int32Array;
}

export interface RunEntryGroup {
  key: number;
  lists: Int32Array[];
}

/** Runs kept in memory: for tests and small builds that compare against the spilled form. */
export class MemoryRunStore implements RunStore {
  private runs: RunEntry[][] = [];

  writeRun(entries: Iterable<RunEntry>): void {
    this.runs.push(Array.from(entries, ({ key, list }) => ({ key, list: list.slice() })));
  }

  *merge(order: Int32Array): Generator<RunEntryGroup> {
    const cursors = this.runs.map((run) => ({ run, at: 0 }));
    for (const key of order) {
      const lists: Int32Array[] = [];
      for (const cursor of cursors) {
        const head = cursor.run[cursor.at];
        if (head?.key === key) {
          lists.push(head.list);
          cursor.at += 1;
        }
      }
      if (lists.length > 0) yield { key, lists };
    }
    if (cursors.some((cursor) => cursor.at < cursor.run.length)) throw outOfOrder();
  }

  dispose(): void {
    this.runs = [];
  }
}

/** Bytes written to the file at once, and the initial read window of each run. */
const CHUNK_INTS = 64 * 1024;

/**
 * Runs in one temporary file: each entry as `key, length, list…` in native Int32 (the file is
 * written and read by the same process), runs one after the other.
 */
export class FileRunStore implements RunStore {
  private fd: number | null = null;
  private size = 0;
  private readonly runs: Array<{ start: number; end: number }> = [];

  constructor(readonly file: string) {}

  writeRun(entries: Iterable<RunEntry>): void {
    const fd = (this.fd ??= openSync(this.file, 'w+'));
    const start = this.size;
    const chunk = new Int32Array(CHUNK_INTS);
    let used = 0;
    const flush = (): void => {
      this.size += writeAll(fd, new Uint8Array(chunk.buffer, 0, used * 4), this.size);
      used = 0;
    };
    for (const { key, list } of entries) {
      if (used + 2 > CHUNK_INTS) flush();
      chunk[used++] = key;
      chunk[used++] = list.length;
      if (used + list.length > CHUNK_INTS) {
        flush();
        if (list.length > CHUNK_INTS) {
          this.size += writeAll(fd, new Uint8Array(list.buffer, list.byteOffset, list.byteLength), this.size);
          continue;
        }
      }
      chunk.set(list, used);
      used += list.length;
    }
    flush();
    this.runs.push({ start, end: this.size });
  }

  *merge(order: Int32Array): Generator<RunEntryGroup> {
    const fd = this.fd;
    if (fd === null) return;
    const readers = this.runs.map((run) => new RunReader(fd, run.start, run.end));
    for (const key of order) {
      const lists: Int32Array[] = [];
      const holding: RunReader[] = [];
      for (const reader of readers) {
        if (reader.key === key) {
          lists.push(reader.list());
          holding.push(reader);
        }
      }
      if (lists.length === 0) continue;
      yield { key, lists };
      for (const reader of holding) reader.next();
    }
    if (readers.some((reader) => reader.key !== NO_KEY)) throw outOfOrder();
  }

  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.file, { force: true });
  }
}

const NO_KEY = -1;

/** A window over one run: the current entry's key and list, read ahead in chunks. */
class RunReader {
  private window = new Int32Array(CHUNK_INTS);
  /** Ints of the window holding data, and where the current entry starts in it. */
  private filled = 0;
  private at = 0;
  private position: number;
  key = NO_KEY;

  constructor(
    private readonly fd: number,
    start: number,
    private readonly end: number,
  ) {
    this.position = start;
    this.load();
  }

  /** The current entry's list (a view into the window). */
  list(): Int32Array {
    const length = this.window[this.at + 1] ?? 0;
    return this.window.subarray(this.at + 2, this.at + 2 + length);
  }

  next(): void {
    this.at += 2 + (this.window[this.at + 1] ?? 0);
    this.load();
  }

  /** Makes the whole entry at `at` present in the window (or sets `key` to NO_KEY at the run's end). */
  private load(): void {
    if (!this.ensure(2)) {
      this.key = NO_KEY;
      return;
    }
    const length = this.window[this.at + 1] ?? 0;
    if (!this.ensure(2 + length)) throw new Error('a spilled run of the build is cut short');
    this.key = this.window[this.at] ?? NO_KEY;
  }

  /** Whether `ints` ints from `at` are in the window, reading more of the run when needed. */
  private ensure(ints: number): boolean {
    if (this.filled - this.at >= ints) return true;
    const kept = this.filled - this.at;
    if (ints > this.window.length) {
      const grown = new Int32Array(ints);
      grown.set(this.window.subarray(this.at, this.filled));
      this.window = grown;
    } else {
      this.window.copyWithin(0, this.at, this.filled);
    }
    this.at = 0;
    this.filled = kept;
    while (this.filled < ints && this.position < this.end) {
      const bytes = Math.min((this.window.length - this.filled) * 4, this.end - this.position);
      const read = readSync(this.fd, new Uint8Array(this.window.buffer, this.filled * 4, bytes), 0, bytes, this.position);
      if (read <= 0 || read % 4 !== 0) throw new Error('a spilled run of the build could not be read back');
      this.position += read;
      this.filled += read / 4;
    }
    return this.filled >= ints;
  }
}

function writeAll(fd: number, bytes: Uint8Array, position: number): number {
  let written = 0;
  while (written < bytes.length) {
    written += writeSync(fd, bytes, written, bytes.length - written, position + written);
  }
  return written;
}

function outOfOrder(): Error {
  return new Error('the spilled runs of the build are out of order (an internal error)');
}
