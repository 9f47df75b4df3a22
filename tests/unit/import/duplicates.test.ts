import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../../src-main/core/import/index';
import { ImportReportTally } from '../../../src-main/core/import/build-report';
import { DuplicateFinder } from '../../../src-main/core/import/duplicates';
import { GOBIERNOFACIL, LETTER_SEED, PDF_LETTER, temporaryFolder } from './corpus';

const POST = path.join(GOBIERNOFACIL, '_posts/2017-05-30-oaxaca.md');

describe('duplicate documents', () => {
  const { folder, remove } = temporaryFolder('duplicates');
  const archive = path.join(folder, 'archivo');

  beforeAll(() => {
    mkdirSync(path.join(archive, 'blog'), { recursive: true });
    mkdirSync(path.join(archive, 'copia'), { recursive: true });
    copyFileSync(POST, path.join(archive, 'blog/2017-05-30-oaxaca.md'));
    copyFileSync(POST, path.join(archive, 'copia/2017-05-30-oaxaca.md'));
  });
  afterAll(remove);

  it('warns once about a post copied into two folders, naming both and how to keep one', async () => {
    const result = await importSources([archive], { threads: 1 });
    expect(result.documents).toHaveLength(2);
    const duplicates = result.warnings.filter((warning) => warning.code === 'duplicate');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]?.file).toBe('archivo/copia/2017-05-30-oaxaca.md');
    expect(duplicates[0]?.message).toBe(
      'looks like the same document as archivo/blog/2017-05-30-oaxaca.md (the same text); both were imported. ' +
        'To keep only one, leave the other out: add "copia/2017-05-30-oaxaca.md" (or "blog/2017-05-30-oaxaca.md") ' +
        'under exclude: in archivo.yml, or build with --exclude',
    );
    // `corpus build --report` counts it (build-report.ts).
    expect(new ImportReportTally().finish(result.warnings).duplicates).toEqual({
      documents: 1,
      examples: ['archivo/copia/2017-05-30-oaxaca.md'],
    });
  });

  it('keeps only the one the librarian chose once the other is excluded in archivo.yml', async () => {
    const chosen = path.join(folder, 'elegido');
    mkdirSync(path.join(chosen, 'blog'), { recursive: true });
    mkdirSync(path.join(chosen, 'copia'), { recursive: true });
    copyFileSync(POST, path.join(chosen, 'blog/2017-05-30-oaxaca.md'));
    copyFileSync(POST, path.join(chosen, 'copia/2017-05-30-oaxaca.md'));
    writeFileSync(path.join(chosen, 'archivo.yml'), 'exclude:\n  - copia/2017-05-30-oaxaca.md\n');
    const result = await importSources([chosen], { threads: 1 });
    expect(result.documents.map((document) => document.source)).toEqual(['elegido/blog/2017-05-30-oaxaca.md']);
    expect(result.warnings.filter((warning) => warning.code === 'duplicate')).toEqual([]);
  });

  it('warns about a letter imported both as Markdown and as PDF', async () => {
    const result = await importSources([LETTER_SEED, PDF_LETTER], { threads: 1 });
    expect(result.documents).toHaveLength(2);
    const duplicates = result.warnings.filter((warning) => warning.code === 'duplicate');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]?.file).toBe('carta-osc-aga-2017-05-23.pdf');
    expect(duplicates[0]?.message).toMatch(
      /^looks like the same document as 000_ff8ecd809083cd7f\.txt \((the same text|the same title and date|nearly the same text)/,
    );
  });

  it('finds no duplicate among the real gobiernofacil posts', async () => {
    const result = await importSources([GOBIERNOFACIL], { threads: 1 });
    expect(result.documents.length).toBeGreaterThan(20);
    expect(result.warnings.filter((warning) => warning.code === 'duplicate')).toEqual([]);
  });
});

describe('DuplicateFinder', () => {
  const words = (count: number, seed: number): string =>
    Array.from({ length: count }, (_, index) => `palabra${((index * 7919 + seed * 104729) % 100_003).toString()}`).join(
      ' ',
    );

  it('calls a text with a few words changed near-identical, and a different one not', () => {
    const original = words(400, 1);
    const edited = original.replace('palabra7919 ', 'cambiada ').replace(/palabra(\d+)$/, 'final');
    const finder = new DuplicateFinder();
    finder.add({ source: 'a.md', fileOrder: 0, title: 'Uno', date: '2017-01-01', text: original });
    finder.add({ source: 'b.md', fileOrder: 1, title: 'Dos', date: '2018-01-01', text: edited });
    finder.add({ source: 'c.md', fileOrder: 2, title: 'Tres', date: '2019-01-01', text: words(400, 2) });
    const pairs = finder.pairs();
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({
      first: { source: 'a.md' },
      second: { source: 'b.md' },
      reason: 'similar-text',
    });
    expect(pairs[0]?.similarity).toBeGreaterThan(0.9);
  });

  it('matches titles and dates regardless of accents and case, and gives the same answer every run', () => {
    const run = () => {
      const finder = new DuplicateFinder();
      finder.add({ source: 'carta.md', fileOrder: 0, title: 'Carta abierta', date: '2017-05-23', text: words(50, 3) });
      finder.add({ source: 'carta.pdf', fileOrder: 1, title: 'CARTA ABIERTA', date: '2017-05-23', text: words(50, 4) });
      finder.add({ source: 'otra.pdf', fileOrder: 2, title: 'Carta abierta', date: '2018-05-23', text: words(50, 5) });
      return finder.pairs();
    };
    const pairs = run();
    expect(pairs).toEqual([
      {
        first: { source: 'carta.md', fileOrder: 0 },
        second: { source: 'carta.pdf', fileOrder: 1 },
        reason: 'same-title-and-date',
        similarity: pairs[0]?.similarity,
      },
    ]);
    expect(run()).toEqual(pairs);
    // Two short notes with the same words but different titles are not one document.
    const notes = new DuplicateFinder();
    notes.add({ source: 'a.md', fileOrder: 0, title: 'Aviso', date: null, text: 'Ver adjunto.' });
    notes.add({ source: 'b.md', fileOrder: 1, title: 'Otro aviso', date: null, text: 'Ver adjunto.' });
    expect(notes.pairs()).toEqual([]);
  });
});
