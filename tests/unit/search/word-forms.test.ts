import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../src-main/core/store/archive';
import type { ImportedDocument } from '../../../src-main/core/import/model';
import { writeCorpusDatabase } from '../../../src-main/core/store/corpus-writer';
import { decodeAscending, encodeAscending } from '../../../src-main/core/search/word-forms';
import { QUERY_BUDGET } from '../../../src-main/core/search/query-runner';
import { importedDocumentOf } from '../../support/fixtures-documents';

/** Small documents written for these cases: one sentence each, ids in a known order. */
const TEXTS: Record<string, string> = {
  a1: 'Los mineros de Zacatecas marcharon hasta la capital.',
  a2: 'La empresa minera cerró la mina del cerro.',
  a3: 'Las mineras del norte votaron la huelga.',
  b1: 'Una callejoneada recorrió el centro con estudiantinas.',
  b2: 'El callejón oscuro, los callejones del barrio y otro callejón más.',
  c1: 'El gobernador acudió a la reunión del consejo.',
  c2: 'Los vecinos acudirán mañana al cabildo.',
  d1: Array.from({ length: QUERY_BUDGET.perClause + 20 }, (_, i) => `casa${i}`).join(' '),
};

function documentOf(id: string, text: string): ImportedDocument {
  return importedDocumentOf(id, text, { title: `Documento ${id}` });
}

let dir: string;
let archive: Archive;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'word-forms-test-'));
  const file = path.join(dir, 'corpus.sqlite');
  writeCorpusDatabase(file, {
    documents: Object.entries(TEXTS).map(([id, text]) => documentOf(id, text)),
    assets: [],
    name: 'Formas',
    version: '1',
  });
  archive = openArchive(file);
});

afterAll(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (query: string): string[] => archive.search({ query, limit: 100 }).hits.map((hit) => hit.id);

describe('prefix and wildcard over the folded word forms', () => {
  it('minero* finds the documents with mineros, not those with only minera or mineras', () => {
    expect(ids('minero*')).toEqual(['a1']);
  });

  it('minera* finds minera and mineras, not mineros', () => {
    expect(ids('minera*').sort()).toEqual(['a2', 'a3']);
  });

  it('matches a pattern typed with accents against the folded forms', () => {
    expect(ids('acudió*')).toEqual(['c1']);
    expect(ids('ACUDIO*')).toEqual(['c1']);
  });
});

describe('exact form first', () => {
  it('ranks the document holding callejoneada above those with only callejón', () => {
    const found = ids('callejoneada');
    expect(found).toEqual(['b1', 'b2']);
  });
});

describe('accents and stems', () => {
  it('acudió, acudirán and acudio (typed without its accent) meet each other', () => {
    expect(ids('acudió').sort()).toEqual(['c1', 'c2']);
    expect(ids('acudio').sort()).toEqual(['c1', 'c2']);
    expect(ids('acudir').sort()).toEqual(['c1', 'c2']);
  });
});

describe('query budget', () => {
  it('expands a wildcard to at most the budget and says the answer is partial', () => {
    const response = archive.search({ query: 'casa*', limit: 10 });
    expect(response.hits.map((hit) => hit.id)).toEqual(['d1']);
    expect(response.notice?.code).toBe('query-budget');
  });

  it('gives no notice when the expansion fits', () => {
    expect(archive.search({ query: 'minera*' }).notice).toBeNull();
  });
});

describe('varint document lists', () => {
  it('round-trips ascending numbers, large gaps included', () => {
    const values = [0, 1, 2, 127, 128, 300, 16_384, 2_000_000];
    expect([...decodeAscending(encodeAscending(values), values.length)]).toEqual(values);
    expect(encodeAscending([0, 1, 2]).length).toBe(3);
  });

  it('refuses a list that does not ascend', () => {
    expect(() => encodeAscending([3, 3])).toThrow(/ascend/);
  });
});
