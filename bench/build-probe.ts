/**
 * Child process: one build of one engine, in a fresh Node process (no JIT
 * warm-up or heap left over from an earlier run).
 *   tsx bench/build-probe.ts lunr <input-dir> <out.sqlite>
 *     the app's whole build (`buildCorpus`). Its import phase (timed apart, until
 *     the last progress event) includes analysing and writing each document,
 *     which the build does as documents are rendered;
 *   tsx bench/build-probe.ts fts5 <input-dir> <out.sqlite>
 *     the FTS5 baseline's whole build: the same import (same rendering on the
 *     same threads, without the app's search analysis), then every document
 *     written with FTS5.
 */
import { writeHeapSnapshot } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { buildCorpus } from '../src-main/core/build/build';
import type { DocumentRecord } from '../src-main/common/types';
import { importInto } from '../src-main/core/import/index';
import { cpuMs, elapsedMs, emitResult, maxRssMb, type Engine } from './child-protocol';
import { writeFts5Database } from './fts5-baseline';

/**
 * With BUILD_PROBE_MEMORY=<seconds>, a line of this process's memory on stderr at that interval:
 * documents imported so far, resident set, the main thread's V8 heap (used / reserved), external
 * memory (Buffers, SQLite is not counted there). The render worker's heap is part of RSS only: RSS minus the main heap and
 * external is the worker, native memory (SQLite's page cache) and code. Run under `node --expose-gc` (e.g.
 * `node --expose-gc --import tsx bench/build-probe.ts …`), each line comes after a full collection, so heapUsed is
 * the live heap (`gc` on the line); otherwise it includes garbage not yet collected.
 */
function traceMemory(documentsDone: () => number): () => void {
  const seconds = Number(process.env.BUILD_PROBE_MEMORY ?? '0');
  if (!(seconds > 0)) return () => undefined;
  const started = Date.now();
  const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
  const timer = setInterval(() => {
    globalThis.gc?.();
    const usage = process.memoryUsage();
    process.stderr.write(
      `memory t=${((Date.now() - started) / 1000).toFixed(0)}s docs=${documentsDone()} rss=${mb(usage.rss)} heapUsed=${mb(usage.heapUsed)} ` +
        `heapTotal=${mb(usage.heapTotal)} external=${mb(usage.external)} arrayBuffers=${mb(usage.arrayBuffers)} ` +
        `maxRss=${maxRssMb().toFixed(0)}${globalThis.gc ? ' gc' : ''}\n`,
    );
  }, seconds * 1000);
  timer.unref();
  // The finish (runs merged, catalog, index written) is synchronous: the timer above cannot print
  // during it, so a thread of its own samples the resident set there (`rss-thread` lines).
  const sampler = new Worker(
    `const { writeSync } = require('node:fs');
     const started = Date.now();
     setInterval(() => writeSync(2, 'rss-thread t=' + ((Date.now() - started) / 1000).toFixed(0) + 's rss=' +
       (process.memoryUsage.rss() / 1048576).toFixed(0) + '\\n'), ${String(seconds * 1000)});`,
    { eval: true },
  );
  sampler.unref();
  return () => {
    clearInterval(timer);
    void sampler.terminate();
  };
}

/**
 * With BUILD_PROBE_HEAP_SNAPSHOT=<documents>, one V8 heap snapshot of the main thread once that
 * many documents are imported (path on stderr; open it in Chrome DevTools' Memory tab): what the
 * main thread's heap holds mid-build. Writing it takes a while and about the heap's size again.
 */
function heapSnapshotAt(): (done: number) => void {
  const at = Number(process.env.BUILD_PROBE_HEAP_SNAPSHOT ?? '0');
  let written = !(at > 0);
  return (done) => {
    if (written || done < at) return;
    written = true;
    process.stderr.write(`heap snapshot at ${done} documents: ${writeHeapSnapshot()}\n`);
  };
}

async function buildWithApp(input: string, out: string): Promise<void> {
  let documentsDone = 0;
  const stopTrace = traceMemory(() => documentsDone);
  const snapshot = heapSnapshotAt();
  const cpuStarted = process.cpuUsage();
  const started = process.hrtime.bigint();
  let importMs: number | undefined;
  let importCpuMs: number | undefined;
  const summary = await buildCorpus({
    inputs: [input],
    out,
    name: 'Banco de pruebas',
    version: 'bench',
    onProgress: (progress) => {
      documentsDone = progress.done;
      snapshot(progress.done);
      if (progress.done === progress.total) {
        importMs = elapsedMs(started);
        importCpuMs = cpuMs(cpuStarted);
      }
    },
  });
  stopTrace();
  emitResult({
    engine: 'lunr',
    documents: summary.documents,
    totalMs: elapsedMs(started),
    ...(importMs === undefined ? {} : { importMs }),
    ...(importCpuMs === undefined ? {} : { importCpuMs }),
    warnings: summary.warnings.length,
    cpuMs: cpuMs(cpuStarted),
    maxRssMb: maxRssMb(),
  });
}

async function buildFts5(input: string, out: string): Promise<void> {
  const cpuStarted = process.cpuUsage();
  const started = process.hrtime.bigint();
  const documents: DocumentRecord[] = [];
  await importInto([input], (document) => documents.push(document), { analyse: false });
  const importMs = elapsedMs(started);
  const importCpuMs = cpuMs(cpuStarted);
  const timings = writeFts5Database(out, documents);
  emitResult({
    engine: 'fts5',
    documents: documents.length,
    totalMs: elapsedMs(started),
    importMs,
    importCpuMs,
    ...timings,
    warnings: 0,
    cpuMs: cpuMs(cpuStarted),
    maxRssMb: maxRssMb(),
  });
}

async function main(): Promise<void> {
  const [engine, input, out] = process.argv.slice(2) as [Engine | undefined, string | undefined, string | undefined];
  if (engine === 'lunr' && input && out) return buildWithApp(input, out);
  if (engine === 'fts5' && input && out) return buildFts5(input, out);
  throw new Error('usage: build-probe.ts lunr|fts5 <input-dir> <out.sqlite>');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `build-probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
