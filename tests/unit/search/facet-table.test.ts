import { describe, expect, it } from 'vitest';
import { FacetTable } from '../../../src-main/core/search/facet-table';
import type { FacetName } from '../../../src-main/common/types';

const documents: Array<Record<FacetName, string[]>> = [
  { type: ['post'], category: ['Datos'], tag: ['Transparencia', 'agua'], author: ['Ana'], year: ['2016'] },
  { type: ['letter'], category: [], tag: ['transparencia'], author: ['Luis', 'Ana'], year: ['2017'] },
  { type: ['post'], category: ['datos'], tag: ['Agua'], author: [], year: ['2016'] },
];

/** The catalog's layout: each document's flattened ids at ids[starts[d] .. starts[d + 1]). */
function layout(table: FacetTable): { starts: Int32Array; ids: Int32Array; views: Int32Array[] } {
  const views = documents.map((facets) => table.flatten(table.idsOf(facets)));
  const starts = new Int32Array(documents.length + 1);
  views.forEach((view, d) => {
    starts[d + 1] = (starts[d] ?? 0) + view.length;
  });
  const ids = new Int32Array(starts[documents.length] ?? 0);
  views.forEach((view, d) => ids.set(view, starts[d]));
  return { starts, ids, views };
}

describe('FacetTable.countDocuments', () => {
  const table = FacetTable.fromDocuments(documents);
  const { starts, ids, views } = layout(table);

  it('counts documents 0 and 2 by position as count() does over their ids', () => {
    const counted = table.countDocuments(starts, ids, Int32Array.of(0, 2));
    expect(counted).toEqual(table.count([views[0] ?? new Int32Array(0), views[2] ?? new Int32Array(0)]));
    expect(counted.category).toEqual([{ value: 'Datos', count: 2 }]);
    expect(counted.tag).toEqual([
      { value: 'Agua', count: 2 },
      { value: 'Transparencia', count: 1 },
    ]);
    expect(counted.year).toEqual([{ value: '2016', count: 2 }]);
  });

  it('counts nothing for no documents', () => {
    const counted = table.countDocuments(starts, ids, new Int32Array(0));
    expect(counted.type).toEqual([]);
    expect(counted.author).toEqual([]);
  });
});
