import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../src-main/core/store/archive';
import type { SearchResponse } from '../../../src-main/common/types';
import type { ImportedDocument } from '../../../src-main/core/import/model';
import { searchArchives } from '../../../src-main/core/packs/merged-search';
import { createSpanishAnalyzer } from '../../../src-main/core/search/analyzer';
import { fieldText, INDEX_FIELD_NAMES } from '../../../src-main/core/search/fields';
import { foldForMatching } from '../../../src-main/core/search/fold';
import { writeCorpusDatabase } from '../../../src-main/core/store/corpus-writer';
import { importedDocumentOf } from '../../support/fixtures-documents';
import { withRealCorpus, type BuiltCorpus } from './real-corpus';

let built: BuiltCorpus;
let archive: Archive;
const analyzer = createSpanishAnalyzer();

withRealCorpus(openArchive, (corpus, opened) => {
  built = corpus;
  archive = opened;
});

const everything = (query: string, extra: object = {}): SearchResponse =>
  archive.search({ query, limit: 1000, ...extra });
const ids = (response: SearchResponse): string[] => response.hits.map((hit) => hit.id);

/** The index terms of a document, over every indexed field. */
function termsOf(document: ImportedDocument): Set<string> {
  const terms = new Set<string>();
  for (const field of INDEX_FIELD_NAMES)
    for (const term of analyzer.analyzeText(field === 'body' ? document.text : fieldText(document, field)))
      terms.add(term);
  return terms;
}

function documentsHolding(words: string[], how: 'every' | 'some'): string[] {
  const wanted = words.map((word) => analyzer.analyzeText(word)[0] as string);
  return built.imported.documents
    .filter((document) => {
      const terms = termsOf(document);
      return how === 'every' ? wanted.every((term) => terms.has(term)) : wanted.some((term) => terms.has(term));
    })
    .map((document) => document.id)
    .sort();
}

describe('every word by default, any word on request', () => {
  it('finds for "datos abiertos" exactly the documents holding both words', () => {
    const response = everything('datos abiertos');
    expect(response.match).toBe('all');
    expect([...ids(response)].sort()).toEqual(documentsHolding(['datos', 'abiertos'], 'every'));
    // The real corpus has documents with only one of them, so AND is really narrower.
    expect(response.total).toBeLessThan(documentsHolding(['datos', 'abiertos'], 'some').length);
  });

  it('finds any word with match "any", with OR and with |, all alike, every-word documents first', () => {
    const any = everything('datos abiertos', { match: 'any' });
    expect(any.match).toBe('any');
    expect([...ids(any)].sort()).toEqual(documentsHolding(['datos', 'abiertos'], 'some'));
    for (const query of ['datos OR abiertos', 'datos | abiertos', 'datos|abiertos']) {
      const response = everything(query);
      expect(response.match, query).toBe('any');
      expect(ids(response), query).toEqual(ids(any));
    }
    const both = new Set(documentsHolding(['datos', 'abiertos'], 'every'));
    const firstOnlyOne = ids(any).findIndex((id) => !both.has(id));
    expect(firstOnlyOne).toBe(both.size);
  });

  it('keeps + and - working in both modes', () => {
    const withoutAbiertos = everything('datos -abiertos');
    const expected = documentsHolding(['datos'], 'every').filter(
      (id) => !documentsHolding(['abiertos'], 'every').includes(id),
    );
    expect([...ids(withoutAbiertos)].sort()).toEqual(expected);
    expect([...ids(everything('+datos abiertos', { match: 'any' }))].sort()).toEqual(
      documentsHolding(['datos'], 'every'),
    );
  });

  it('leaves out a required word the query budget had nothing left for, instead of finding nothing', () => {
    const response = everything('*a* *e* *o* *i* *u* gobierno');
    expect(response.notice?.code).toBe('query-budget');
    expect(response.total).toBeGreaterThan(0);
  });

  it('ignores stop words instead of requiring them', () => {
    expect(ids(everything('datos de los abiertos'))).toEqual(ids(everything('datos abiertos')));
  });

  it('keeps the seed letter for "funcion publica" (both words, accents folded)', () => {
    expect(ids(everything('funcion publica'))).toContain(built.letter.id);
  });
});

describe('did you mean', () => {
  it.each([
    ['gobirno', 'gobierno'],
    ['espionage', 'espionaje'],
    ['Gobirno abierto', 'Gobierno abierto'],
  ])('suggests "%s" → "%s" from the archive vocabulary, and the suggestion finds documents', (typed, meant) => {
    const response = everything(typed);
    expect(response.total).toBe(0);
    expect(response.suggestion).toBe(meant);
    expect(everything(meant).total).toBeGreaterThan(0);
  });

  it('suggests nothing when the query finds documents or its words are unknown everywhere near', () => {
    expect(everything('gobierno').suggestion).toBeUndefined();
    expect(everything('zzzzqqqq').suggestion).toBeUndefined();
  });
});

describe('a query of common words alone', () => {
  it.each([['de la'], ['Y los'], ['por que']])(
    'finds nothing as "%s" and offers the same words as a phrase, which finds what holds them',
    (typed) => {
      const response = everything(typed);
      expect(response.total).toBe(0);
      const phrase = `"${typed}"`;
      expect(response.suggestion).toBe(phrase);
      expect(response.notice).toEqual({
        code: 'common-words',
        message: `Every word of "${typed}" is too common to be searched on its own; as a phrase, ${phrase}, it is found.`,
      });
      // The phrase finds exactly the documents whose body, title or description holds the words in a row.
      const words = (text: string): string =>
        ` ${foldForMatching(text)
          .split(/[^\p{L}\p{N}]+/u)
          .join(' ')} `;
      const holds = (text: string | null): boolean => words(text ?? '').includes(words(typed));
      const holders = built.imported.documents
        .filter((document) => holds(document.text) || holds(document.title) || holds(document.description))
        .map((document) => document.id)
        .sort();
      expect(holders.length).toBeGreaterThan(0);
      expect(ids(everything(phrase)).sort()).toEqual(holders);
    },
  );

  it('is left as written when it has quotes or a word the index holds, or the phrase finds nothing', () => {
    expect(everything('de la gobierno').notice).toBeNull();
    expect(everything('"de la" zzzz').notice).toBeNull();
    // Stop words all, but never in a row anywhere: why it is empty, and no phrase to offer.
    const never = everything('los el');
    expect(never.total).toBe(0);
    expect(never.suggestion).toBeUndefined();
    expect(never.notice).toEqual({
      code: 'common-words',
      message: 'Every word of "los el" is too common to be searched on its own.',
    });
  });

  it('says why one such word finds nothing, without a phrase of one word', () => {
    const response = everything('El');
    expect(response.total).toBe(0);
    expect(response.suggestion).toBeUndefined();
    expect(response.notice?.message).toBe('Every word of "El" is too common to be searched on its own.');
  });

  it('gets its phrase across several archives too', () => {
    const response = searchArchives([{ id: 'bundled', archive }], { query: 'de la' });
    expect(response.suggestion).toBe('"de la"');
    expect(response.notice?.code).toBe('common-words');
  });
});

describe('dates and order', () => {
  it('sorts oldest first with "oldest", newest first with "date"', () => {
    const oldest = everything('', { sort: 'oldest' }).hits.map((hit) => hit.date);
    const newest = everything('', { sort: 'date' }).hits.map((hit) => hit.date);
    const dated = built.imported.documents.map((document) => document.date).filter((date) => date !== null);
    expect(oldest[0]).toBe([...dated].sort()[0]);
    expect(newest[0]).toBe([...dated].sort().at(-1));
    const oldestDated = oldest.filter((date) => date !== null);
    expect(oldestDated).toEqual([...oldestDated].sort());
  });

  it('filters by a from/to range given by day, month or year', () => {
    const inRange = (from: string, to: string) =>
      built.imported.documents
        .filter((document) => document.date !== null && document.date >= from && document.date <= to)
        .map((document) => document.id)
        .sort();
    expect([...ids(everything('', { filters: { from: '2016-03', to: '2017-06-30' } }))].sort()).toEqual(
      inRange('2016-03-01', '2017-06-30'),
    );
    expect(everything('', { filters: { from: '2016', to: '2016' } }).total).toBe(
      inRange('2016-01-01', '2016-12-31').length,
    );
  });
});

describe('facet values are alternatives (OR) within a facet', () => {
  const yearCount = (response: SearchResponse, year: string) =>
    response.facets.year.find((count) => count.value === year)?.count ?? 0;

  it('2016 and 2017 ticked finds documents of either year, and the year counts leave the year selection out', () => {
    const none = everything('');
    const both = everything('', { filters: { year: [2016, 2017] } });
    expect(both.total).toBe(yearCount(none, '2016') + yearCount(none, '2017'));
    const only2016 = everything('', { filters: { year: [2016] } });
    expect(only2016.total).toBe(yearCount(none, '2016'));
    // The 2017 count still says what ticking 2017 adds.
    expect(yearCount(only2016, '2017')).toBe(yearCount(none, '2017'));
    // Other facets count only what the year selection lets through (AND across facets).
    const types = (response: SearchResponse) => response.facets.type.reduce((sum, count) => sum + count.count, 0);
    expect(types(only2016)).toBe(only2016.total);
  });
});

describe('did you mean across several archives', () => {
  let dir: string;
  const opened: Archive[] = [];
  const note = (id: string, text: string): ImportedDocument => importedDocumentOf(id, text);

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'did-you-mean-'));
    const texts: Record<string, string[]> = {
      norte: ['La vigilancia del gobierno crece.', 'El gobierno compra programas.'],
      sur: ['Las periodistas denuncian la vigilancia.', 'Un informe sobre periodistas.'],
    };
    for (const [name, documents] of Object.entries(texts)) {
      const file = path.join(dir, `${name}.sqlite`);
      writeCorpusDatabase(file, {
        documents: documents.map((text, i) => note(`${name}${i}`.padEnd(16, '0'), text)),
        assets: [],
        name,
        version: '1',
      });
      opened.push(openArchive(file));
    }
  });

  afterAll(() => {
    for (const one of opened) one.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('suggests a word only one archive holds, and nothing when another archive finds the word', () => {
    const library = opened.map((one, i) => ({ id: i === 0 ? 'bundled' : 'sur', archive: one }));
    expect(searchArchives(library, { query: 'periodstas' }).suggestion).toBe('periodistas');
    expect(searchArchives(library, { query: 'gobierno' }).suggestion).toBeUndefined();
  });
});
