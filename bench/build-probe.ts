/**
 * Child process: one build of one engine on one folder of documents, in a fresh
 * Node process (no JIT warm-up or heap left over from an earlier run).
 *   tsx bench/build-probe.ts <lunr|fts5> <input-dir> <out.sqlite>
 */
import { buildCorpus } from '../src-main/core/build';
import { importSources } from '../src-main/core/import/index';
import { elapsedMs, emitResult, maxRssMb, type Engine } from './child-protocol';
import { writeFts5Database } from './fts5-baseline';

async function main(): Promise<void> {
  const [engine, input, out] = process.argv.slice(2) as [Engine | undefined, string | undefined, string | undefined];
  if ((engine !== 'lunr' && engine !== 'fts5') || !input || !out) {
    throw new Error('usage: build-probe.ts <lunr|fts5> <input-dir> <out.sqlite>');
  }
  if (engine === 'lunr') {
    const started = process.hrtime.bigint();
    const summary = await buildCorpus({ inputs: [input], out, name: 'Banco de pruebas', version: 'bench' });
    const totalMs = elapsedMs(started);
    emitResult({ engine, documents: summary.documents, totalMs, warnings: summary.warnings.length, maxRssMb: maxRssMb() });
    return;
  }
  const started = process.hrtime.bigint();
  const imported = await importSources([input]);
  const importMs = elapsedMs(started);
  const timings = writeFts5Database(out, imported.documents);
  const totalMs = elapsedMs(started);
  emitResult({
    engine,
    documents: imported.documents.length,
    totalMs,
    importMs,
    ...timings,
    warnings: imported.warnings.length,
    maxRssMb: maxRssMb(),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`build-probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
