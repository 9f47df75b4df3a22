import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Annotation } from '../../../src-main/common/annotations';
import { ApiError } from '../../../src-main/common/errors';
import { createAnnotation, getAnnotation } from '../../../src-main/core/annotations/annotations';
import { exportAnnotations } from '../../../src-main/core/annotations/exchange/export';
import { importAnnotations, importAnnotationsFile } from '../../../src-main/core/annotations/exchange/import';
import { csvField } from '../../../src-main/core/annotations/exchange/csv-export';
import { detectImportFormat } from '../../../src-main/core/annotations/exchange/import-format';
import { ENGLISH_MARKDOWN_LABELS } from '../../../src-main/core/annotations/exchange/markdown-export';
import { openUserData, type UserData } from '../../../src-main/core/userdata/user-data';
import { buildSeedArchive, spanOf, type SeedArchive } from './seed-corpus';

let seeds: SeedArchive;
let dir: string;
let source: UserData;
let made: Annotation[];
const T = (iso: string) => new Date(iso);

beforeAll(async () => {
  seeds = await buildSeedArchive();
  dir = mkdtempSync(path.join(os.tmpdir(), 'import-formats-'));
  source = await openUserData(path.join(dir, 'source'), { backup: false });
  const letter = seeds.letter;
  made = [
    createAnnotation(
      source,
      seeds.archive,
      {
        documentId: letter.id,
        ...spanOf(letter.text, 'vigilancia digital ilegal'),
        note: 'Primera línea\nSegunda, con "comillas"',
        tags: ['espionaje', 'Citizen Lab'],
        colour: 'pink',
      },
      T('2026-01-01T10:00:00.000Z'),
    ),
    createAnnotation(
      source,
      seeds.archive,
      { documentId: letter.id, ...spanOf(letter.text, 'Secretariado Técnico Tripartita'), colour: 'blue' },
      T('2026-01-02T10:00:00.000Z'),
    ),
    createAnnotation(
      source,
      seeds.archive,
      { documentId: letter.id, note: '=fórmula que no lo es, y -1 @menciones' },
      T('2026-01-03T10:00:00.000Z'),
    ),
    createAnnotation(
      source,
      seeds.archive,
      { documentId: seeds.article.id, ...spanOf(seeds.article.text, 'Citizen Lab'), colour: 'green', tags: ['x'] },
      T('2026-01-04T10:00:00.000Z'),
    ),
  ];
}, 60_000);

afterAll(() => {
  source.close();
  seeds.archive.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The refusal's ApiError (with its code), or a failure when the call did not throw one. */
function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the import to be refused');
}

describe('importing back what the app exports', () => {
  it('CSV round trip: export, wipe, import gives the same notes; importing again changes nothing', async () => {
    const csv = exportAnnotations(source, seeds.archive, 'csv').content;
    expect(detectImportFormat(csv)).toBe('csv');
    const wiped = await openUserData(path.join(dir, 'wiped'), { backup: false });
    try {
      expect(importAnnotations(wiped, seeds.archive, csv)).toEqual({ added: 4, updated: 0, unchanged: 0, orphaned: 0 });
      for (const annotation of made) {
        const back = getAnnotation(wiped, annotation.id);
        expect(back).toEqual(annotation);
      }
      expect(importAnnotations(wiped, seeds.archive, csv)).toEqual({ added: 0, updated: 0, unchanged: 4, orphaned: 0 });
    } finally {
      wiped.close();
    }
  });

  it('a damaged CSV row is named by line and column, and nothing is written', async () => {
    const csv = exportAnnotations(source, seeds.archive, 'csv').content;
    const lines = csv.split('\r\n');
    const target = made[1]!;
    const broken = lines
      .map((line) => (line.startsWith(target.id) ? line.replace(`,${target.target!.position.start},`, ',doce,') : line))
      .join('\r\n');
    const empty = await openUserData(path.join(dir, 'empty'), { backup: false });
    try {
      const line = lines.findIndex((row) => row.startsWith(target.id)) + 1;
      expect(() => importAnnotations(empty, seeds.archive, broken)).toThrow(
        `CSV line ${line}, start: "doce" is not a position`,
      );
      expect(empty.db.prepare('SELECT COUNT(*) AS n FROM annotations').get()).toEqual({ n: 0 });
    } finally {
      empty.close();
    }
  });

  it('the Markdown export is refused with a sentence naming the formats that can be imported', () => {
    const markdown = exportAnnotations(source, seeds.archive, 'markdown').content;
    const error = refusal(() => importAnnotations(source, seeds.archive, markdown));
    expect(error.code).toBe('unsupported-import-format:markdown');
    expect(error.message).toBe(
      'This file is a Markdown export, which is meant for reading and cannot be imported. Files that can be imported: the JSON-LD (W3C Web Annotation) or CSV export of this app.',
    );
  });

  it('a SQLite file (the notes database itself) is named as a database, with the file, not as bad JSON', () => {
    const copy = path.join(dir, 'copia.sqlite');
    copyFileSync(source.file, copy);
    const error = refusal(() => importAnnotationsFile(source, seeds.archive, copy));
    expect(error.code).toBe('unsupported-import-format:sqlite');
    expect(error.message).toMatch(/^\/.*copia\.sqlite: This file is a SQLite database \(a backup is restored/);
    expect(error.message).not.toMatch(/nested|not valid JSON|UTF-8/);
    // The page reads the file as text first: the same refusal.
    const text = new TextDecoder().decode(Buffer.from('SQLite format 3\0\x10\x00\x02\x02'));
    expect(refusal(() => importAnnotations(source, seeds.archive, text)).code).toBe('unsupported-import-format:sqlite');
  });

  it('any other text is "not an annotation file", never a JSON parser message', () => {
    const file = path.join(dir, 'lista.txt');
    writeFileSync(file, 'una lista de la compra\nleche\n');
    const error = refusal(() => importAnnotationsFile(source, seeds.archive, file));
    expect(error.code).toBe('unsupported-import-format:unknown');
    expect(error.message).toContain('This file is not an annotation file. Files that can be imported:');
  });
});

function rowsOf(csv: string): string[][] {
  const rows: string[][] = parse(csv);
  return rows;
}

/** Rows back to the export's CSV form (its cells were protected already, csvField leaves them be). */
function toCsv(rows: readonly string[][]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

describe('collections in the CSV and Markdown exports', () => {
  /** A user database with one note on each seed and two collections: one holds the letter, one both. */
  async function withCollections(name: string): Promise<UserData> {
    const userData = await openUserData(path.join(dir, name), { backup: false });
    createAnnotation(
      userData,
      seeds.archive,
      { documentId: seeds.letter.id, ...spanOf(seeds.letter.text, 'vigilancia digital ilegal'), colour: 'pink' },
      T('2026-02-01T10:00:00.000Z'),
    );
    createAnnotation(
      userData,
      seeds.archive,
      { documentId: seeds.article.id, ...spanOf(seeds.article.text, 'Citizen Lab') },
      T('2026-02-02T10:00:00.000Z'),
    );
    userData.collections.create('Vigilancia', [seeds.letter.id]);
    userData.collections.create('Lecturas; 2017, pendientes', [seeds.article.id, seeds.letter.id]);
    return userData;
  }

  it('CSV: a collections column names each note’s collections; import puts the documents back, merged by name', async () => {
    const exporting = await withCollections('csv-collections');
    const target = await openUserData(path.join(dir, 'csv-collections-target'), { backup: false });
    try {
      const csv = exportAnnotations(exporting, seeds.archive, 'csv').content;
      const [header, ...rows] = rowsOf(csv);
      expect(header?.at(-1)).toBe('collections');
      const letterRow = rows.find((row) => row[1] === seeds.letter.id);
      const articleRow = rows.find((row) => row[1] === seeds.article.id);
      // One name per line of the cell: commas and semicolons inside a name survive.
      expect(letterRow?.at(-1)).toBe('Lecturas; 2017, pendientes\nVigilancia');
      expect(articleRow?.at(-1)).toBe('Lecturas; 2017, pendientes');

      // The target already has a "Vigilancia" (another id, empty): the letter joins it, no twin is made.
      const kept = target.collections.create('Vigilancia');
      expect(importAnnotations(target, seeds.archive, csv)).toEqual({
        added: 2,
        updated: 0,
        unchanged: 0,
        orphaned: 0,
      });
      const collections = target.collections.list();
      expect(collections.map((collection) => collection.name)).toEqual(['Lecturas; 2017, pendientes', 'Vigilancia']);
      expect(collections.find((c) => c.name === 'Vigilancia')).toMatchObject({
        id: kept.id,
        documentIds: [seeds.letter.id],
      });
      expect(new Set(collections.find((c) => c.name !== 'Vigilancia')?.documentIds)).toEqual(
        new Set([seeds.article.id, seeds.letter.id]),
      );
      // Again: nothing new, no duplicate collection or membership.
      importAnnotations(target, seeds.archive, csv);
      expect(target.collections.list().map((c) => c.documentIds.length)).toEqual([2, 1]);
    } finally {
      exporting.close();
      target.close();
    }
  });

  it('CSV: a file from before the collections column still imports; a bad name is refused by line, nothing written', async () => {
    const exporting = await withCollections('csv-collections-old');
    const target = await openUserData(path.join(dir, 'csv-collections-old-target'), { backup: false });
    try {
      const csv = exportAnnotations(exporting, seeds.archive, 'csv').content;
      const rows = rowsOf(csv);
      const older = toCsv(rows.map((row) => row.slice(0, -1)));
      expect(detectImportFormat(older)).toBe('csv');
      expect(importAnnotations(target, seeds.archive, older).added).toBe(2);
      expect(target.collections.list()).toEqual([]);

      const tooLong = 'x'.repeat(201);
      const bad = toCsv(rows.map((row, index) => (index === 2 ? [...row.slice(0, -1), tooLong] : row)));
      const empty = await openUserData(path.join(dir, 'csv-collections-bad'), { backup: false });
      try {
        expect(() => importAnnotations(empty, seeds.archive, bad)).toThrow(
          `CSV line 3, collections: "${tooLong.slice(0, 40)}": at most 200 characters`,
        );
        expect(empty.db.prepare('SELECT COUNT(*) AS n FROM annotations').get()).toEqual({ n: 0 });
        expect(empty.collections.list()).toEqual([]);
      } finally {
        empty.close();
      }
    } finally {
      exporting.close();
      target.close();
    }
  });

  it('Markdown: each document names its collections, and a closing section lists every collection', async () => {
    const exporting = await withCollections('markdown-collections');
    try {
      exporting.collections.create('Vacía');
      const markdown = exportAnnotations(exporting, seeds.archive, 'markdown').content;
      const letterSection = markdown.slice(markdown.indexOf(`## ${seeds.letter.title}`));
      expect(letterSection.split('\n').slice(0, 6)).toContain('Collections: Lecturas; 2017, pendientes, Vigilancia');
      const closing = markdown.slice(markdown.indexOf('## Collections'));
      expect(closing).toBe(
        [
          '## Collections',
          '',
          '### Lecturas; 2017, pendientes',
          '',
          // The article seed is undated: no date in brackets.
          `- ${seeds.article.title}`,
          `- ${seeds.letter.title} (2017-05-23)`,
          '',
          '### Vigilancia',
          '',
          `- ${seeds.letter.title} (2017-05-23)`,
          '',
        ].join('\n'),
      );
      // In Spanish when the page sends its labels.
      const spanish = exportAnnotations(exporting, seeds.archive, 'markdown', {
        labels: { ...ENGLISH_MARKDOWN_LABELS, collections: 'Colecciones' },
      }).content;
      expect(spanish).toContain('\n## Colecciones\n');
      expect(spanish).toContain('\nColecciones: Lecturas; 2017, pendientes, Vigilancia\n');
    } finally {
      exporting.close();
    }
  });
});
