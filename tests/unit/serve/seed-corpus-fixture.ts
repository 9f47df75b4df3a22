import os from 'node:os';
import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { buildCorpus } from '../../../src-main/core/build/build';
import { openArchive, type Archive } from '../../../src-main/core/store/archive';
import { openAnnotationService, type AnnotationService } from '../../../src-main/core/annotations/annotation-service';

const repoRoot = path.resolve(__dirname, '../../..');

/** What a served test needs: the bundled seed corpus built afresh, its notes, and a stand-in UI folder. */
export interface SeedCorpusFixture {
  workDir: string;
  /** Holds one index.html, so the server has a page to serve. */
  staticDir: string;
  archive: Archive;
  service: AnnotationService;
  /** Closes the notes and the archive and removes every file the fixture wrote. */
  close(): void;
}

/** Builds resources/corpus into a new temporary folder (`prefix` names it) and opens it with notes. */
export async function openSeedCorpusFixture(prefix: string): Promise<SeedCorpusFixture> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const staticDir = path.join(workDir, 'ui');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ui</title>');
  const out = path.join(workDir, 'corpus.sqlite');
  await buildCorpus({ inputs: [path.join(repoRoot, 'resources/corpus')], out, name: 'Semillas' });
  const archive = openArchive(out);
  const service = await openAnnotationService(path.join(workDir, 'user'), archive);
  return {
    workDir,
    staticDir,
    archive,
    service,
    close() {
      service.close();
      archive.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
