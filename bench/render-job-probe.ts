/**
 * The render worker's work per document, in one thread: recognising each file (as the worker
 * does for every other file of an import) and each render job (`renderDocument` with the search
 * analysis and the duplicate fingerprint, then the analysis encoded for the wire), timed apart.
 *   tsx bench/render-job-probe.ts <input-dir> [rounds]
 * Prints the CPU milliseconds per document of each part and a hash of everything the jobs gave
 * (documents, analyses as encoded, fingerprints, warnings): equal hashes, equal outcomes.
 *
 * Why: a whole build takes minutes and shares its CPU with the main thread; this isolates the
 * worker's share. Run it bundled (esbuild, see `bundled-build-probe.ts`) to count what a user's
 * build pays: under tsx each call into another module goes through an export getter.
 */
import { createHash, type Hash } from 'node:crypto';
import { AssetStore } from '../src-main/core/import/assets';
import { buildDocumentLinkTable, documentLinksFrom } from '../src-main/core/import/document-links';
import { readSourceSync, recogniseRecorded } from '../src-main/core/import/recognise';
import { releasedRecognition, renderDocument, type RenderJob } from '../src-main/core/import/render-document';
import { listSourceFiles } from '../src-main/core/import/source-files';
import { WarningLog } from '../src-main/core/import/warnings';
import { AnalysisEncoder } from '../src-main/core/import/analysis-wire';
import { StringTable } from '../src-main/core/build/string-table';
import { createDocumentAnalyser } from '../src-main/core/search/document-analysis';

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Typed arrays as plain lists, so they hash by content. */
function replacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ||
    value instanceof Uint16Array ||
    value instanceof Uint32Array ||
    value instanceof Int32Array
    ? Array.from(value)
    : value;
}

function hashJson(hash: Hash, value: unknown): void {
  hash.update(JSON.stringify(value, replacer));
}

async function main(): Promise<void> {
  const [input, roundsArg] = process.argv.slice(2);
  if (!input) throw new Error('usage: render-job-probe.ts <input-dir> [rounds]');
  const rounds = Number(roundsArg ?? '2');
  const files = listSourceFiles([input], new WarningLog());

  const recogniseStart = cpuMs();
  const jobs: RenderJob[] = [];
  for (const file of files) {
    const recorded = releasedRecognition(recogniseRecorded(file, readSourceSync(file.absolutePath)));
    if (recorded.recognised) jobs.push({ ...recorded.recognised, file, fieldMap: {} });
  }
  const recogniseMs = cpuMs() - recogniseStart;
  jobs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const links = documentLinksFrom(buildDocumentLinkTable(jobs));

  const renderMs: number[] = [];
  let digest = '';
  for (let round = 0; round < rounds; round += 1) {
    // A fresh worker's state each round: its memos fill as they would over one import.
    const strings = new StringTable();
    const analyse = createDocumentAnalyser(strings);
    const encoder = new AnalysisEncoder(strings);
    const assets = new AssetStore();
    const hash = createHash('sha256');
    const outcomes: unknown[] = [];
    const start = cpuMs();
    for (const job of jobs) {
      const outcome = await renderDocument(job, links, assets, analyse);
      const analysis = outcome.analysis ? encoder.encode(outcome.analysis) : null;
      outcomes.push({ document: outcome.document, analysis, warnings: outcome.warnings, fp: outcome.fingerprint });
    }
    renderMs.push(cpuMs() - start);
    for (const outcome of outcomes) hashJson(hash, outcome);
    digest = hash.digest('hex').slice(0, 16);
  }
  const perDoc = (ms: number): string => (ms / jobs.length).toFixed(3);
  process.stdout.write(
    `${jobs.length.toString()} documents; recognise ${perDoc(recogniseMs)} ms/doc; ` +
      `render jobs ${renderMs.map(perDoc).join(', ')} ms/doc; outcomes ${digest}\n`,
  );
}

await main();
