import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../../src-main/common/types';
import { buildCatalog, loadCatalog, type StoredCatalog } from '../../../src-main/core/search/search-catalog';

function summary(id: string, title: string, date: string | null): DocumentSummary {
  return {
    id,
    type: 'article',
    title,
    date,
    place: null,
    authors: [],
    signatories: [],
    addressee: null,
    category: null,
    tags: [],
    description: null,
    words: 10,
  };
}

const SUMMARIES = [
  summary('a1', 'Vigilancia', '2017-06-19'),
  summary('b2', 'Sin fecha', null),
  summary('c3', 'Carta', '2018-04-03'),
];

/** The same bytes at an odd offset of a larger buffer, as a blob may arrive from SQLite. */
function unaligned(blob: Buffer): Buffer {
  const holder = Buffer.alloc(blob.byteLength + 1);
  blob.copy(holder, 1);
  return holder.subarray(1);
}

describe('loadCatalog', () => {
  it('reads the date order, dates and its inverse from aligned and unaligned blobs alike', () => {
    const stored = buildCatalog(SUMMARIES);
    const shifted: StoredCatalog = {
      ...stored,
      dateRank: unaligned(stored.dateRank),
      dates: unaligned(stored.dates),
      facetStarts: unaligned(stored.facetStarts),
      facetIds: unaligned(stored.facetIds),
    };
    for (const catalog of [loadCatalog(stored, 3), loadCatalog(shifted, 3)]) {
      // Newest first, undated last.
      expect([...catalog.byDate]).toEqual([2, 0, 1]);
      expect([...catalog.dateRank]).toEqual([1, 2, 0]);
      expect([...catalog.dates]).toEqual([20170619, 0, 20180403]);
    }
  });

  it('refuses a date order that is not a permutation when it is first used, naming the fix', () => {
    const stored = buildCatalog(SUMMARIES);
    const broken: StoredCatalog = { ...stored, dateRank: Buffer.from(Int32Array.from([0, 0, 1]).buffer) };
    const catalog = loadCatalog(broken, 3);
    expect(() => catalog.byDate).toThrow('inconsistent date order; rebuild the corpus');
  });

  it('refuses arrays of another document count at open', () => {
    expect(() => loadCatalog(buildCatalog(SUMMARIES), 4)).toThrow('does not match the documents; rebuild the corpus');
  });
});
