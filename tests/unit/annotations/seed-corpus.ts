import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openArchive, type Archive } from '../../../src-main/core/store/archive';
import { buildCorpus } from '../../../src-main/core/build/build';
import type { DocumentRecord } from '../../../src-main/common/types';
import { makeTempFolder } from '../../support/temp-folders';

/** The two seeds bundled with the project (letter + article). */
export const SEED_FOLDER = path.resolve(__dirname, '../../../resources/corpus');
export const LETTER_FILE = '000_ff8ecd809083cd7f.txt';
export const ARTICLE_FILE = '001_3d21b2bec742277f.txt';

export interface SeedArchive {
  archive: Archive;
  file: string;
  letter: DocumentRecord;
  article: DocumentRecord;
}

/**
 * Builds a corpus from the seeds, after applying `edit` to each seed's SOURCE text (written to
 * a temp folder under the same file names, so document ids stay the same as in the real
 * build). `omit` leaves a seed out (the "document removed" case). The folder is removed after
 * the test file (../../support/temp-folders.ts).
 */
export async function buildSeedArchive(
  edit: (file: string, source: string) => string = (_file, source) => source,
  omit: string[] = [],
): Promise<SeedArchive> {
  const root = makeTempFolder('annotations-corpus-');
  const input = path.join(root, 'corpus');
  mkdirSync(input);
  for (const file of [LETTER_FILE, ARTICLE_FILE]) {
    if (omit.includes(file)) continue;
    writeFileSync(path.join(input, file), edit(file, readFileSync(path.join(SEED_FOLDER, file), 'utf8')));
  }
  const out = path.join(root, 'corpus.sqlite');
  await buildCorpus({ inputs: [input], out, name: 'Prueba', version: '1' });
  const archive = openArchive(out);
  const all = archive.search({ query: '*', limit: 10 }).hits.map((hit) => archive.getDocument(hit.id));
  const letter = all.find((document) => document?.type === 'letter') ?? null;
  const article = all.find((document) => document?.type === 'article') ?? null;
  return { archive, file: out, letter: letter as DocumentRecord, article: article as DocumentRecord };
}

/** Offsets of the n-th (0-based) occurrence of `quote` in `text`; throws when there is none. */
export function spanOf(text: string, quote: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i += 1) {
    at = text.indexOf(quote, at + 1);
    if (at === -1) throw new Error(`"${quote}" occurs fewer than ${occurrence + 1} times`);
  }
  return { start: at, end: at + quote.length };
}

/** A clock that advances one second per call, so stamps (and backup names) differ and sort by time. */
export function clock(start = Date.parse('2026-03-01T10:00:00.000Z')): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}
