import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../src-main/core/store/archive';
import { buildCorpus } from '../../../src-main/core/build/build';

/**
 * Only a query the parser cannot read falls back to its literal words; a failure of the archive
 * itself must reach the caller, not hide behind a "searched literally" notice.
 */
const seeds = path.resolve(__dirname, '../../../../shared/corpus/seeds');
let work: string;
let corpusPath: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'archive-errors-'));
  corpusPath = path.join(work, 'corpus.sqlite');
  await buildCorpus({ inputs: [seeds], out: corpusPath, name: 'Semillas' });
}, 60_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('archive search errors', () => {
  it('answers a malformed query with the literal-fallback notice and the seed letter as a hit', () => {
    const archive: Archive = openArchive(corpusPath);
    try {
      const response = archive.search({ query: 'Tripartita~~^' });
      expect(response.notice?.code).toBe('literal-fallback');
      expect(response.hits.map((hit) => hit.title).join(' ')).toMatch(/carta|Carta/);
    } finally {
      archive.close();
    }
  });

  it('lets a failure of the database propagate instead of turning it into a notice', () => {
    const archive: Archive = openArchive(corpusPath);
    archive.close();
    expect(() => archive.search({ query: 'Tripartita' })).toThrow(/not open|closed/i);
  });
});
