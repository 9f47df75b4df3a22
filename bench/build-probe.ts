/**
 * Child process: one build of one engine, in a fresh Node process (no JIT
 * warm-up or heap left over from an earlier run).
 *   tsx bench/build-probe.ts lunr <input-dir> <out.sqlite>
 *     the app's whole build (`buildCorpus`); the import phase is timed apart
 *     from its progress events (the last one fires when the import is done);
 *   tsx bench/build-probe.ts fts5 <app-database> <out.sqlite>
 *     the FTS5 baseline's own part only: the documents the app imported in the
 *     same run are read back (not timed) and written with FTS5. Its build time
 *     is that app import time plus this write: the same import, another index.
 *     (Importing a second time would double the benchmark's longest step.)
 */
import { buildCorpus } from '../src-main/core/build';
import type { DocumentRecord } from '../src-main/common/types';
import { CorpusReader } from '../src-main/core/store/corpus-reader';
import { cpuMs, elapsedMs, emitResult, maxRssMb, type Engine } from './child-protocol';
import { writeFts5Database } from './fts5-baseline';

async function buildWithApp(input: string, out: string): Promise<void> {
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
      if (progress.done === progress.total) {
        importMs = elapsedMs(started);
        importCpuMs = cpuMs(cpuStarted);
      }
    },
  });
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

function buildFts5(appDatabase: string, out: string): void {
  const reader = new CorpusReader(appDatabase);
  let documents: DocumentRecord[];
  try {
    documents = reader.summaries().map((summary) => {
      const document = reader.getDocument(summary.id);
      if (!document) throw new Error(`${appDatabase}: document ${summary.id} listed but not readable`);
      return document;
    });
  } finally {
    reader.close();
  }
  const cpuStarted = process.cpuUsage();
  const started = process.hrtime.bigint();
  const timings = writeFts5Database(out, documents);
  emitResult({
    engine: 'fts5',
    documents: documents.length,
    totalMs: elapsedMs(started),
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
  throw new Error('usage: build-probe.ts lunr <input-dir> <out.sqlite> | fts5 <app-database> <out.sqlite>');
}

main().catch((error: unknown) => {
  process.stderr.write(`build-probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
