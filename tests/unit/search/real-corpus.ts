import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { importSources } from '../../../src-main/core/import/index';
import type { ImportedDocument, ImportResult } from '../../../src-main/core/import/model';
import { writeCorpusDatabase } from '../../../src-main/core/store/corpus-writer';

/** The shared real corpus (never copied into the project). */
export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');
export const SEEDS = path.join(CORPUS, 'seeds');
export const GOBIERNOFACIL = path.join(CORPUS, 'gobiernofacil');

export interface BuiltCorpus {
  dir: string;
  file: string;
  imported: ImportResult;
  /** The seed letter (seeds/000_ff8ecd809083cd7f.txt). */
  letter: ImportedDocument;
  /** The seed article (seeds/001_3d21b2bec742277f.txt). */
  seedArticle: ImportedDocument;
}

/** Imports the seeds and the gobiernofacil site with the real importer and writes a corpus database. */
export async function buildRealCorpus(inputs: string[] = [SEEDS, GOBIERNOFACIL]): Promise<BuiltCorpus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corpus-test-'));
  const file = path.join(dir, 'corpus.sqlite');
  const imported = await importSources(inputs);
  writeCorpusDatabase(file, {
    documents: imported.documents,
    assets: imported.assets,
    name: 'Prueba',
    version: '1',
    buildDate: '2026-01-01T00:00:00.000Z',
  });
  const bySource = (suffix: string): ImportedDocument => {
    const found = imported.documents.find((document) => document.source.endsWith(suffix));
    if (!found) throw new Error(`the importer produced no document from ${suffix}`);
    return found;
  };
  return {
    dir,
    file,
    imported,
    letter: bySource('000_ff8ecd809083cd7f.txt'),
    seedArticle: bySource('001_3d21b2bec742277f.txt'),
  };
}

/**
 * Builds the real corpus once for the calling test file (beforeAll), opens it with `open`, hands
 * both to `receive`, and closes and deletes them afterwards (afterAll).
 */
export function withRealCorpus<T extends { close(): void }>(
  open: (file: string) => T,
  receive: (built: BuiltCorpus, opened: T) => void,
): void {
  let built: BuiltCorpus | undefined;
  let opened: T | undefined;
  beforeAll(async () => {
    built = await buildRealCorpus();
    opened = open(built.file);
    receive(built, opened);
  });
  afterAll(() => {
    opened?.close();
    if (built) rmSync(built.dir, { recursive: true, force: true });
  });
}
