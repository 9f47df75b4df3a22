import { readFileSync } from 'node:fs';
import path from 'node:path';
import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import {
  COMPACT_FORMAT,
  decodeIndexHeader,
  decodePosting,
  decodeTokenSet,
  encodeIndex,
  type CompactIndex,
  type StoredIndex,
} from '../../../src-main/core/search/compact-index';
import { inverseDocumentFrequency, scoreThousandths } from '../../../src-main/core/search/posting-scores';
import { loadSearchIndex, type IndexableDocument } from '../../../src-main/core/search/index-builder';
import { buildLunrIndex, buildSearchIndex, buildSearchIndexWithLunr } from '../../support/reference-index';
import { createSpanishAnalyzer } from '../../../src-main/core/search/analyzer';
import { matchedTerms, runQuery } from '../../../src-main/core/search/query-runner';
import { SEEDS } from './real-corpus';
import { unpackList } from '../../../src-main/core/search/packed-list';
import { decodeUnsignedVarints } from '../../../src-main/core/search/varint';

const seedDocument = (id: string, file: string, title: string, tags: string[]): IndexableDocument => ({
  id,
  title,
  description: null,
  tags,
  authors: [],
  signatories: id === '000000000000000a' ? ['R3D', 'Artículo 19'] : ['Gobierno Fácil'],
  category: 'Transparencia',
  text: readFileSync(path.join(SEEDS, file), 'utf8'),
});

const documents = [
  seedDocument('000000000000000a', '000_ff8ecd809083cd7f.txt', 'Carta de las organizaciones', ['AGA']),
  seedDocument('000000000000000b', '001_3d21b2bec742277f.txt', 'Organizaciones salen de la Alianza', [
    'Transparencia',
    'AGA',
  ]),
];

// Through a copy of every blob at an odd offset, as SQLite may hand them back unaligned.
const unaligned = (bytes: Buffer): Buffer => Buffer.concat([Buffer.alloc(1), bytes]).subarray(1);
const loadStored = (stored: StoredIndex) =>
  loadSearchIndex({
    ...stored.parts,
    termOrder: unaligned(stored.parts.termOrder),
    tokenSet: unaligned(stored.parts.tokenSet),
    readPosting: (term) => {
      const posting = stored.postings[term];
      return posting ? unaligned(posting) : null;
    },
  });

/** The (document, number) pairs of one field of a posting (per field: count, then delta and number pairs). */
function fieldPairs(posting: Int32Array, fieldCount: number, field: number): Array<[number, number]> {
  let cursor = 0;
  for (let f = 0; f < field && f < fieldCount; f += 1) cursor += 1 + 2 * (posting[cursor] ?? 0);
  const pairs: Array<[number, number]> = [];
  let doc = 0;
  for (let i = 0; i < (posting[cursor] ?? 0); i += 1) {
    doc += posting[cursor + 1 + 2 * i] ?? 0;
    pairs.push([doc, posting[cursor + 2 + 2 * i] ?? 0]);
  }
  return pairs;
}

describe('compact stored index (per-term postings with scores)', () => {
  const analyzer = createSpanishAnalyzer();
  const index = buildLunrIndex(documents);
  const viaLunr = lunr.Index.load(JSON.parse(JSON.stringify(index)) as object);
  const stored = buildSearchIndex(documents);
  const loaded = loadStored(stored);

  it("answers exactly like Lunr's own serialisation (refs, scores, matched terms)", () => {
    const queries = [
      'espionaje',
      'funcion publica',
      'author:r3d',
      'title:carta',
      'gob*',
      'espionage~1',
      '-espionaje',
      '+salud -carta',
      'tags:aga^3 mexico',
    ];
    for (const query of queries) {
      const expected = viaLunr.search(query).map((r) => [r.ref, r.score, Object.keys(r.matchData.metadata).sort()]);
      const parsed = new lunr.Query([...loaded.fields]);
      new (lunr as unknown as { QueryParser: new (s: string, q: lunr.Query) => { parse(): void } }).QueryParser(
        query,
        parsed,
      ).parse();
      const matches = runQuery(loaded, parsed.clauses, analyzer);
      const terms = matchedTerms(loaded, matches, [...matches.docs]);
      const actual = [...matches.docs]
        .map((doc, i) => [loaded.refs[doc], matches.scores[i], [...(terms.get(doc) ?? [])].sort()] as const)
        .sort((a, b) => (b[1] as number) - (a[1] as number));
      // Lunr has no coordination; these queries have one positive clause or coordination is checked apart.
      if (query === 'funcion publica' || query === 'tags:aga^3 mexico') {
        expect(actual.map((row) => row[0]).sort(), query).toEqual(expected.map((row) => row[0]).sort());
        continue;
      }
      expect(actual, query).toEqual(expected);
    }
    expect(
      runQuery(
        loaded,
        [
          {
            term: 'espionaje',
            fields: [...loaded.fields],
            boost: 1,
            usePipeline: true,
            wildcard: 0,
            editDistance: 0,
          },
        ],
        analyzer,
      ).docs.length,
    ).toBe(2);
  });

  it("decodes Lunr's token set node for node: it spells exactly the index terms", () => {
    const header = decodeIndexHeader(stored.parts);
    const terms = header.terms;
    expect(terms.length).toBeGreaterThan(300);
    const decoded = decodeTokenSet(header.tokenSet);
    expect(decoded.toArray().sort()).toEqual([...terms].sort());
    expect(decoded.toArray().sort()).toEqual(
      (viaLunr as unknown as { tokenSet: lunr.TokenSet }).tokenSet.toArray().sort(),
    );
  });

  it('is deterministic whatever the input order', () => {
    expect(buildSearchIndex([...documents].reverse())).toEqual(stored);
  });

  it('refuses an unknown format with a clear message', () => {
    const wrong = { ...stored.parts, header: stored.parts.header.replace('lunr-compact-7', 'lunr-compact-9') };
    expect(() => decodeIndexHeader(wrong)).toThrow('unknown search index format "lunr-compact-9"');
  });

  it('refuses truncated or inconsistent blobs with a rebuild message', () => {
    expect(() =>
      decodeIndexHeader({
        ...stored.parts,
        termOrder: stored.parts.termOrder.subarray(0, stored.parts.termOrder.length - 3),
      }),
    ).toThrow(/truncated; rebuild the corpus/);
    expect(() =>
      decodeIndexHeader({
        ...stored.parts,
        termOrder: stored.parts.termOrder.subarray(0, stored.parts.termOrder.length - 4),
      }),
    ).toThrow(/inconsistent.*rebuild the corpus/);
    const header = decodeIndexHeader(stored.parts);
    const posting = stored.postings[0] as Buffer;
    expect(() => decodePosting(posting.subarray(0, posting.length - 4), header)).toThrow(
      /(inconsistent|cut short|decompressed).*rebuild the corpus/,
    );
    expect(() => decodePosting(posting, { ...header, refs: header.refs.slice(0, 1) })).toThrow(
      /inconsistent.*rebuild the corpus/,
    );
    const tokenSet = stored.parts.tokenSet;
    expect(() => decodeTokenSet(tokenSet.subarray(0, tokenSet.length - 1))).toThrow(/rebuild the corpus/);
    const cutLengths = decodeIndexHeader({ ...stored.parts, fieldLengths: Buffer.of(0, 5, 7) });
    expect(() => decodePosting(posting, cutLengths)).toThrow(/field lengths do not match.*rebuild the corpus/);
  });

  /** Lunr's own body vector element for `term`, per document in ref order (what it scored at build). */
  const viaLunrBodyScores = (refs: readonly string[], term: string): number[] => {
    const json = viaLunr.toJSON() as unknown as {
      fieldVectors: Array<[string, number[]]>;
      invertedIndex: Array<[string, { _index: number }]>;
    };
    const dimension = json.invertedIndex.find(([name]) => name === term)?.[1]._index;
    return refs.map((ref) => {
      const vector = json.fieldVectors.find(([fieldRef]) => fieldRef === `body/${ref}`)?.[1] ?? [];
      const at = vector.findIndex((value, i) => i % 2 === 0 && value === dimension);
      return vector[at + 1] ?? Number.NaN;
    });
  };

  it('stores term frequencies and field lengths, and reads them back as scores × 1000', () => {
    const header = decodeIndexHeader(stored.parts);
    const body = header.fields.indexOf('body');
    const term = header.terms.indexOf('espionaj');
    const storedPairs = fieldPairs(
      decodeUnsignedVarints(unpackList(stored.postings[term] as Buffer, 'test'), 'test'),
      header.fields.length,
      body,
    );
    const readPairs = fieldPairs(loaded.posting(term), header.fields.length, body);
    expect(storedPairs.map(([doc]) => doc)).toEqual(readPairs.map(([doc]) => doc));
    // "espionaje" occurs twice in the letter's text and four times in the news post's.
    expect(storedPairs.map(([, tf]) => tf)).toEqual([2, 4]);
    expect(readPairs.map(([, thousandths]) => thousandths)).toEqual(
      viaLunrBodyScores(header.refs, 'espionaj').map((score) => Math.round(score * 1000)),
    );
    expect(header.scoring.fieldLengths().length).toBe(documents.length * header.fields.length);
  });
});

describe('direct index builder', () => {
  it('gives exactly what lunr.Builder gives on the real corpus (terms, numbering, scores, token set)', async () => {
    const { importSources } = await import('../../../src-main/core/import/index');
    const { GOBIERNOFACIL } = await import('./real-corpus');
    const imported = (await importSources([SEEDS, GOBIERNOFACIL])).documents;
    const direct = buildSearchIndex(imported);
    const viaLunr = buildSearchIndexWithLunr(imported);
    expect(direct.parts).toEqual(viaLunr.parts);
    expect(direct.postings.length).toBeGreaterThan(2000);
    expect(direct.postings).toEqual(viaLunr.postings);
  });
});

describe('stored field lengths', () => {
  /** A two-document, one-field index whose one term occurs once in each document. */
  const tiny = (fieldLengths: number[]): CompactIndex => ({
    format: COMPACT_FORMAT,
    lunrVersion: lunr.version,
    fields: ['body'],
    pipeline: [],
    refs: ['a', 'b'],
    terms: ['palabr'],
    termOrder: Int32Array.of(0),
    tokenSet: Int32Array.of(0, 0),
    // body: 2 entries, (ref 0, tf 1) and (ref +1, tf 1).
    postings: [Int32Array.of(2, 0, 1, 1, 1)],
    fieldBoosts: [1],
    averageFieldLengths: [(fieldLengths[0] ?? 0) / 2 + (fieldLengths[1] ?? 0) / 2],
    fieldLengths: Int32Array.from(fieldLengths),
  });

  it.each([
    ['one byte', [3, 200], 1],
    ['two bytes', [3, 300], 2],
    ['four bytes', [3, 70_000], 4],
  ])('are kept in %s when the longest needs it, and score as Lunr would', (_width, lengths, bytes) => {
    const stored = encodeIndex(tiny(lengths));
    expect(unpackList(stored.parts.fieldLengths, 'test')).toHaveLength(1 + 2 * bytes);
    const header = decodeIndexHeader(stored.parts);
    expect([...header.scoring.fieldLengths()]).toEqual(lengths);
    const average = (lengths[0] ?? 0) / 2 + (lengths[1] ?? 0) / 2;
    const idf = inverseDocumentFrequency(2, 2);
    const posting = decodePosting(stored.postings[0] as Buffer, header);
    expect([...posting]).toEqual([
      2,
      0,
      scoreThousandths(idf, 1, lengths[0] ?? 0, average, 1),
      1,
      scoreThousandths(idf, 1, lengths[1] ?? 0, average, 1),
    ]);
  });

  it('refuses lengths of another width than their documents need, naming the fix', () => {
    const stored = encodeIndex(tiny([3, 300]));
    const wrongWidth = { ...stored.parts, fieldLengths: Buffer.of(0, 3, 1, 2, 3, 4) };
    expect(() => decodeIndexHeader(wrongWidth).scoring.fieldLengths()).toThrow(
      /field lengths do not match.*rebuild the corpus/,
    );
  });
});
