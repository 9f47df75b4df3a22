import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-main/common/annotations';
import { ApiError } from '../../../src-main/common/errors';
import { createAnnotation, getAnnotation } from '../../../src-main/core/annotations/annotations';
import { exportAnnotations } from '../../../src-main/core/annotations/exchange/export';
import { importAnnotations, importAnnotationsFile } from '../../../src-main/core/annotations/exchange/import';
import { detectImportFormat } from '../../../src-main/core/annotations/exchange/import-format';
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
