/**
 * `npx tsx bench/did-you-mean-probe.ts [count]`: the cost of "did you mean" on a generated
 * archive (10,000 documents by default). Times misspelt queries (0 hits, so the suggestion is
 * computed and checked) against correctly spelt ones in the same process and prints medians
 * and their ratio. The first misspelt query also loads the vocabulary (reported apart).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openArchive } from '../src-main/core/store/archive';
import { importSources } from '../src-main/core/import/index';
import { writeCorpusDatabase } from '../src-main/core/store/corpus-writer';
import { createGeneratorModel, defaultCorpusRoot, generateCorpus } from './generate';
import { median } from './stats';

/** Misspelt word → the word meant; each is searched once (the searcher and the fuzzy scan cache by query). */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['gobirno', 'gobierno'],
  ['espionage', 'espionaje'],
  ['transparensia', 'transparencia'],
  ['goviernos', 'gobiernos'],
  ['informasion', 'informacion'],
  ['derechoss', 'derechos'],
  ['periodistsa', 'periodistas'],
  ['vigilansia', 'vigilancia'],
  ['sosiedad', 'sociedad'],
  ['publcia', 'publica'],
  ['ciudadnos', 'ciudadanos'],
  ['organisaciones', 'organizaciones'],
];

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  const work = mkdtempSync(path.join(os.tmpdir(), 'did-you-mean-probe-'));
  try {
    const documents = path.join(work, 'docs');
    generateCorpus({ dir: documents, count, seed: 1, model: createGeneratorModel(defaultCorpusRoot(), 1) });
    const imported = await importSources([documents]);
    const file = path.join(work, 'corpus.sqlite');
    writeCorpusDatabase(file, { documents: imported.documents, assets: imported.assets, name: 'probe', version: '1' });
    const archive = openArchive(file);
    try {
      const time = (query: string): { ms: number; suggestion: string | undefined; total: number } => {
        const started = performance.now();
        // A fresh limit each time: the searcher caches matches by query, not responses.
        const response = archive.search({ query, limit: 20 });
        return { ms: performance.now() - started, suggestion: response.suggestion, total: response.total };
      };
      // Opening costs (index, postings, the vocabulary) are paid once, by a query of neither list.
      const warm = time('zzzzqqqq');
      console.log(`${count} documents; first query (loads the vocabulary): ${warm.ms.toFixed(1)} ms`);
      const slow: number[] = [];
      const fast: number[] = [];
      for (const [misspelt, correct] of PAIRS) {
        const answer = time(misspelt);
        const baseline = time(correct);
        slow.push(answer.ms);
        fast.push(baseline.ms);
        console.log(
          `${misspelt} → ${answer.suggestion ?? '(none)'} [${answer.total} hits] ${answer.ms.toFixed(1)} ms; ` +
            `${correct} [${baseline.total} hits] ${baseline.ms.toFixed(1)} ms`,
        );
      }
      console.log(
        `median misspelt (with suggestion) ${median(slow).toFixed(1)} ms, max ${Math.max(...slow).toFixed(1)} ms; ` +
          `median correct ${median(fast).toFixed(1)} ms; ratio ${(median(slow) / median(fast)).toFixed(2)}`,
      );
    } finally {
      archive.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
