import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusCli } from '../../support/serve-process';
import { PDF_LETTER, temporaryFolder } from '../import/corpus';

/**
 * The shipped command line (dist/cli/corpus.mjs, an esbuild bundle) reads the real PDF letter, in
 * its main thread (a few files) and in its render workers (from 100 files on). pdf.js in Node sets
 * up its "fake worker" by importing pdf.worker.mjs beside itself, a file the bundle did not have:
 * every PDF was skipped with "PDF could not be read".
 */

interface BuildSummary {
  documents: number;
  byType: Record<string, number>;
  warnings: Array<{ file: string; message: string }>;
}

interface SearchHit {
  id: string;
  title: string;
  type: string;
  date: string | null;
  snippet: string;
}

const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

/** A folder holding the real PDF letter and `notes` small Markdown notes of its own. */
function folderWithLetter(notes: number): string {
  const { folder, remove } = temporaryFolder('bundled-pdf');
  cleanups.push(remove);
  copyFileSync(PDF_LETTER, path.join(folder, path.basename(PDF_LETTER)));
  for (let index = 1; index <= notes; index += 1) {
    writeFileSync(
      path.join(folder, `nota-${String(index)}.md`),
      `---\ntitle: Nota ${String(index)}\ndate: 2024-01-01\n---\nTexto breve de la nota ${String(index)}.\n`,
    );
  }
  return folder;
}

/** Builds `folder` with the bundled command line and returns its summary and the database's path. */
function buildWithBundle(folder: string): { summary: BuildSummary; database: string } {
  const database = path.join(folder, 'corpus.sqlite');
  const built = corpusCli(['build', folder, '--out', database, '--json'], 180_000);
  expect(built.stderr).toBe('');
  expect(built.code).toBe(0);
  return { summary: JSON.parse(built.stdout) as BuildSummary, database };
}

function expectLetterRead({ summary, database }: { summary: BuildSummary; database: string }): void {
  expect(summary.warnings.filter((warning) => /PDF could not be read/.test(warning.message))).toEqual([]);
  expect(summary.byType.letter).toBe(1);
  // A phrase of the letter's body that only its real text holds.
  const search = corpusCli(['search', database, '"vigilancia digital ilegal"', '--json']);
  expect(search.code).toBe(0);
  const hits = (JSON.parse(search.stdout) as { hits: SearchHit[] }).hits;
  expect(hits).toHaveLength(1);
  expect(hits[0]).toMatchObject({
    type: 'letter',
    date: '2017-05-23',
    title: 'Carta a Organizaciones de la Sociedad Civil Participantes en Jornadas y Mesas… (23 de mayo de 2017)',
  });
  expect(hits[0]?.snippet).toContain(
    'Gobierno mexicano en la <mark>vigilancia digital ilegal</mark> contra investigadores y defensores de la salud',
  );
}

describe('the bundled command line reads PDFs', () => {
  it('in its main thread (a few files)', () => {
    const built = buildWithBundle(folderWithLetter(3));
    expect(built.summary.documents).toBe(4);
    expectLetterRead(built);
  }, 300_000);

  it('in its render workers (120 notes beside the letter)', () => {
    const built = buildWithBundle(folderWithLetter(120));
    expect(built.summary.documents).toBe(121);
    expectLetterRead(built);
  }, 300_000);
});
