/**
 * The corpus writer's three search-data builders (index postings, phrase positions, word forms),
 * each fed the analyses of one import on its own and timed apart, in CPU milliseconds: `add` over
 * every document (with the batch spills it triggers) and the merge of the runs at the end.
 *   tsx bench/builders-probe.ts <input-dir> [rounds]   (node --expose-gc for steadier figures)
 * Prints per builder the least and the median CPU of the rounds, and a hash of everything the merges gave (equal
 * hashes, equal output).
 *
 * Why: the builders run on the build's main thread beside the document rows and blocks, whose
 * brotli is more than their whole share; a change to one builder is lost in the noise of a whole
 * writer or build on a shared machine. Run it bundled (esbuild) to count what a user's build pays.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { importSources } from '../src-main/core/import/index';
import { BatchedFormsBuilder } from '../src-main/core/build/batched-forms';
import { BatchedPositionsBuilder } from '../src-main/core/build/batched-positions';
import { FileRunStore } from '../src-main/core/build/run-spill';
import { StringTable } from '../src-main/core/build/string-table';
import { CompactIndexBuilder } from '../src-main/core/search/direct-builder';
import { INDEX_FIELD_NAMES, INDEX_FIELDS } from '../src-main/core/search/fields';
import { analysisKeys, type AnalysisKeys, type DocumentAnalysis } from '../src-main/core/search/document-analysis';
import { DEFAULT_BATCH_SIZE } from '../src-main/core/store/corpus-writer';

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function least(values: number[]): number {
  return Math.min(...values);
}

interface Timing {
  add: number[];
  merge: number[];
}

async function main(): Promise<void> {
  const [input, roundsArg] = process.argv.slice(2);
  if (!input) throw new Error('usage: builders-probe.ts <input-dir> [rounds]');
  const rounds = Number(roundsArg ?? '3');
  const imported = await importSources([input], { threads: 1 });
  const documents = [...imported.documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const analyses: DocumentAnalysis[] = documents.map((document) => {
    const analysis = imported.analyses.get(document.id);
    if (!analysis) throw new Error(`no analysis of ${document.id}`);
    return analysis;
  });
  const timings: Record<'index' | 'positions' | 'forms', Timing> = {
    index: { add: [], merge: [] },
    positions: { add: [], merge: [] },
    forms: { add: [], merge: [] },
  };
  const hashes = new Set<string>();
  const runFile = `/tmp/builders-probe-${process.pid}`;
  for (let round = 0; round < rounds; round += 1) {
    const hash = createHash('sha256');
    // A fresh table each round, numbered as the import numbers it (untimed).
    const strings = new StringTable();
    const keys: AnalysisKeys[] = analyses.map((analysis) => analysisKeys(strings, { ...analysis, keys: undefined }));
    // What the merges give, hashed after the timing (a posting is only valid until the next).
    const kept: Array<string | Uint8Array> = [];
    const timed = (timing: Timing, add: (doc: number) => void, merge: () => void): void => {
      // Under `node --expose-gc`, each part starts on a collected heap: the imported documents make
      // it large, and a full collection falling in one round or another made rounds differ threefold.
      globalThis.gc?.();
      let start = cpuMs();
      for (let doc = 0; doc < documents.length; doc += 1) add(doc);
      timing.add.push(cpuMs() - start);
      globalThis.gc?.();
      start = cpuMs();
      merge();
      timing.merge.push(cpuMs() - start);
    };
    const fields = INDEX_FIELD_NAMES.map((name) => ({ name, boost: INDEX_FIELDS[name].boost }));
    const index = new CompactIndexBuilder(fields, new FileRunStore(`${runFile}-index`), DEFAULT_BATCH_SIZE, strings);
    timed(
      timings.index,
      (doc) => index.addKeyed(documents[doc]?.id ?? '', analyses[doc]?.fields ?? [], keys[doc]?.fields ?? []),
      () => {
        for (const { term, posting } of index.finish().postings)
          kept.push(term, new Uint8Array(posting.slice().buffer));
      },
    );
    const positions = new BatchedPositionsBuilder(
      new FileRunStore(`${runFile}-positions`),
      DEFAULT_BATCH_SIZE,
      strings,
    );
    timed(
      timings.positions,
      (doc) => {
        const analysis = analyses[doc];
        if (analysis) positions.addWords(doc, analysis.words, keys[doc]?.words);
      },
      () => {
        for (const entry of positions.unpackedEntries()) kept.push(...entry);
      },
    );
    const forms = new BatchedFormsBuilder(new FileRunStore(`${runFile}-forms`), DEFAULT_BATCH_SIZE, strings);
    timed(
      timings.forms,
      (doc) => {
        const analysis = analyses[doc];
        const docKeys = keys[doc];
        if (analysis && docKeys) forms.add(doc, analysis.forms, analysis.formTerms, docKeys);
      },
      () => {
        for (const row of forms.unpackedRows()) kept.push(row.form, row.terms, String(row.df), row.docs);
      },
    );
    for (const part of kept) hash.update(typeof part === 'string' ? `${part}\u0000` : part);
    hashes.add(hash.digest('hex').slice(0, 16));
  }
  for (const suffix of ['-index', '-positions', '-forms']) rmSync(`${runFile}${suffix}`, { force: true });
  // Least and median: a round's CPU includes V8's collector threads, so single rounds jump by hundreds of ms.
  const figures = (values: number[]): string => {
    const each = values.map((ms) => ms.toFixed(0)).join(', ');
    return `least ${least(values).toFixed(0)} median ${median(values).toFixed(0)} ms (${each})`;
  };
  for (const [name, timing] of Object.entries(timings)) {
    process.stdout.write(`${name.padEnd(10)} add: ${figures(timing.add)}; merge: ${figures(timing.merge)}\n`);
  }
  process.stdout.write(`${documents.length} documents, output ${[...hashes].join(' / ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `builders-probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
