import { readFileSync } from 'node:fs';
import path from 'node:path';
import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { compactIndex, decodeIndexParts, encodeIndexParts, loadCompactIndex, type CompactIndex } from '../../../src-main/core/search/compact-index';
import { buildLunrIndex, buildSearchIndex, type IndexableDocument } from '../../../src-main/core/search/index-builder';
import { SEEDS } from './real-corpus';

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
  seedDocument('000000000000000b', '001_3d21b2bec742277f.txt', 'Organizaciones salen de la Alianza', ['Transparencia', 'AGA']),
];

describe('compact stored index', () => {
  const index = buildLunrIndex(documents);
  const viaLunr = lunr.Index.load(JSON.parse(JSON.stringify(index)) as object);
  const stored = encodeIndexParts(compactIndex(index));
  // Through a copy of every blob at an odd offset, as SQLite may hand them back unaligned.
  const unaligned = (bytes: Buffer): Buffer => Buffer.concat([Buffer.alloc(1), bytes]).subarray(1);
  const viaCompact = loadCompactIndex(
    decodeIndexParts({
      ...stored,
      postingStarts: unaligned(stored.postingStarts),
      postingData: unaligned(stored.postingData),
      vectorStarts: unaligned(stored.vectorStarts),
      vectorData: unaligned(stored.vectorData),
    }),
  );
  const storedSize = (parts: typeof stored): number =>
    parts.header.length + parts.refs.length + parts.terms.length + parts.postingStarts.length + parts.postingData.length +
    parts.vectorStarts.length + parts.vectorData.length;

  it('answers exactly like Lunr\'s own serialisation (refs, scores, matched terms)', () => {
    const queries = ['espionaje', 'funcion publica', 'author:r3d', 'title:carta', 'gob*', 'espionage~1', '-espionaje', '+salud -carta', 'tags:aga^3 mexico'];
    for (const query of queries) {
      const expected = viaLunr.search(query).map((r) => [r.ref, r.score, Object.keys(r.matchData.metadata).sort()]);
      const actual = viaCompact.search(query).map((r) => [r.ref, r.score, Object.keys(r.matchData.metadata).sort()]);
      expect(actual, query).toEqual(expected);
    }
    expect(viaCompact.search('espionaje').length).toBe(2);
  });

  it('stores Lunr\'s token set node for node: it spells exactly the index terms', () => {
    const tokenSetOf = (loaded: lunr.Index): string[] => (loaded as unknown as { tokenSet: lunr.TokenSet }).tokenSet.toArray().sort();
    const terms = decodeIndexParts(stored).terms;
    expect(terms.length).toBeGreaterThan(300);
    expect(tokenSetOf(viaCompact)).toEqual([...terms].sort());
    expect(tokenSetOf(viaCompact)).toEqual(tokenSetOf(viaLunr));
  });

  it('is much smaller than Lunr\'s JSON and deterministic', () => {
    expect(storedSize(stored)).toBeLessThan(JSON.stringify(index).length * 0.8);
    expect(buildSearchIndex([...documents].reverse())).toEqual(buildSearchIndex(documents));
  });

  it('refuses an unknown format with a clear message', () => {
    const wrong = { ...stored, header: stored.header.replace('lunr-compact-3', 'lunr-compact-9') };
    expect(() => decodeIndexParts(wrong)).toThrow('unknown search index format "lunr-compact-9"');
    const compact: CompactIndex = decodeIndexParts(stored);
    expect(() => loadCompactIndex({ ...compact, format: 'lunr-compact-9' } as unknown as CompactIndex)).toThrow('unknown search index format');
  });

  it('refuses truncated or inconsistent blobs with a rebuild message', () => {
    expect(() => decodeIndexParts({ ...stored, vectorData: stored.vectorData.subarray(0, stored.vectorData.length - 3) })).toThrow(
      /truncated; rebuild the corpus/,
    );
    expect(() => decodeIndexParts({ ...stored, postingData: stored.postingData.subarray(0, stored.postingData.length - 4) })).toThrow(
      /inconsistent.*rebuild the corpus/,
    );
  });
});
