import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { importSources, type ImportProgress } from '../../src-main/core/import/index';
import { CORPUS, serialiseImport } from '../unit/import/corpus';
import { repoRoot } from './bundles';

/**
 * The whole real corpus (../shared/corpus) imported in this thread, as the baseline every other
 * way of importing it (render workers, texts released early) must reproduce byte for byte. It
 * costs a full import with pdf.js and was made by two test files, in two workers: now it is made
 * once and kept on disk under a hash of everything that can change it (the app's sources, the
 * installed packages' lock file and the corpus's bytes), and once more in memory per worker.
 * Any change to the importer or the corpus imports it afresh.
 */
export interface RealCorpusBaseline {
  /** serialiseImport of the result: documents, images with their bytes, warnings, analyses. */
  serialised: string;
  /** Every progress event, in order. */
  progress: ImportProgress[];
  /** What the tests check the corpus exercises: counts taken from the result itself. */
  summary: {
    documents: number;
    analyses: number;
    assets: number;
    documentsWithImages: number;
    pdfLetters: number;
    warnings: number;
  };
}

const baselineSchema = z.object({
  serialised: z.string(),
  progress: z.array(z.object({ done: z.number(), total: z.number(), file: z.string() })),
  summary: z.object({
    documents: z.number(),
    analyses: z.number(),
    assets: z.number(),
    documentsWithImages: z.number(),
    pdfLetters: z.number(),
    warnings: z.number(),
  }),
});

const cacheDir = path.join(repoRoot, 'node_modules/.cache/archive-tests/imports');

/** Feeds every file below `target` (its path relative to `root`, then its bytes) into the hash, in a stable order. */
function hashTree(hash: ReturnType<typeof createHash>, root: string, target: string): void {
  if (statSync(target).isDirectory()) {
    for (const name of readdirSync(target).sort()) hashTree(hash, root, path.join(target, name));
    return;
  }
  hash.update(`\0${path.relative(root, target)}\0`);
  hash.update(readFileSync(target));
}

function cacheKey(): string {
  const hash = createHash('sha256');
  hashTree(hash, repoRoot, path.join(repoRoot, 'src-main'));
  hashTree(hash, repoRoot, path.join(repoRoot, 'package-lock.json'));
  hash.update(`\0corpus at ${CORPUS}\0`);
  hashTree(hash, CORPUS, CORPUS);
  return hash.digest('hex').slice(0, 32);
}

async function importBaseline(): Promise<RealCorpusBaseline> {
  const progress: ImportProgress[] = [];
  const result = await importSources([CORPUS], { threads: 0, onProgress: (event) => progress.push(event) });
  return {
    serialised: serialiseImport(result),
    progress,
    summary: {
      documents: result.documents.length,
      analyses: result.analyses.size,
      assets: result.assets.length,
      documentsWithImages: result.documents.filter((document) => document.html.includes('<img data-asset-id=')).length,
      pdfLetters: result.documents.filter((document) => document.type === 'letter' && document.source.endsWith('.pdf'))
        .length,
      warnings: result.warnings.length,
    },
  };
}

async function loadOrImport(): Promise<RealCorpusBaseline> {
  const file = path.join(cacheDir, `real-corpus-${cacheKey()}.json`);
  try {
    return baselineSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // Missing (or unreadable): import, then rename into place whole so a worker reading at once sees all or nothing.
  }
  const baseline = await importBaseline();
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${file}.${String(process.pid)}.partial`;
  writeFileSync(partial, JSON.stringify(baseline));
  renameSync(partial, file);
  return baseline;
}

let memo: Promise<RealCorpusBaseline> | null = null;

/** The sequential import of the real corpus: from this worker's memory, else from the disk cache, else made now. */
export function realCorpusBaseline(): Promise<RealCorpusBaseline> {
  memo ??= loadOrImport();
  return memo;
}
