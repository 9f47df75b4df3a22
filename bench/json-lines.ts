/**
 * One file, one JSON value per line: how the in-memory engines' indexes are stored by the
 * benchmark (competitor-probe.ts). `JSON.stringify` of a whole index at 100,000 documents is
 * longer than V8's longest string (about 512 MB), so the index is written and read in pieces,
 * none of which comes near that limit; the bytes on disk are the same JSON.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

/** Bytes gathered before each write: few system calls, little memory. */
const WRITE_CHUNK = 4 * 2 ** 20;

/** Writes each value as one line of JSON; returns the number of lines. */
export function writeJsonLines(file: string, values: Iterable<unknown>): number {
  const fd = openSync(file, 'w');
  let pending: string[] = [];
  let pendingLength = 0;
  let lines = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    writeSync(fd, pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  try {
    for (const value of values) {
      const line = `${JSON.stringify(value)}\n`;
      pending.push(line);
      pendingLength += line.length;
      lines += 1;
      if (pendingLength >= WRITE_CHUNK) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return lines;
}

/** The values of a file written by `writeJsonLines`, in order (the file is read as bytes, each line decoded alone). */
export function* readJsonLines(file: string): Generator {
  const bytes = readFileSync(file);
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    if (end > start) {
      try {
        yield JSON.parse(bytes.toString('utf8', start, end)) as unknown;
      } catch (error) {
        throw new Error(`${file}: line starting at byte ${String(start)} is not JSON`, { cause: error });
      }
    }
    start = end + 1;
  }
}

/** Groups an iterable's items into arrays of `size` (the last may be shorter). */
export function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
