import { describe, expect, it } from 'vitest';
import { BatchedFormsBuilder } from '../../../src-main/core/build/batched-forms';
import { MemoryRunStore } from '../../../src-main/core/build/run-spill';
import { StringTable } from '../../../src-main/core/build/string-table';
import { WordFormsBuilder } from '../../support/reference-search-data';

/** Documents as (form, term) pairs: a form that stems two ways is listed once per term. */
const DOCUMENTS: Array<Array<[string, string]>> = [
  [
    ['camion', 'camion'],
    ['el', 'el'],
  ],
  [
    ['camion', 'camión'],
    ['rio', 'rio'],
  ],
  [
    ['rio', 'rio'],
    ['camion', 'camion'],
    ['camion', 'camión'],
  ],
  [
    ['rio', 'río'],
    ['el', 'el'],
  ],
  [['rio', 'rio']],
  [
    ['camion', 'camionero'],
    ['zeta', 'zeta'],
  ],
];

describe('word forms in batches', () => {
  it('keeps every term a form stems to, in first-seen order, with batches of 1, 2 and 4', () => {
    const reference = new WordFormsBuilder();
    DOCUMENTS.forEach((pairs, doc) =>
      reference.add(
        doc,
        pairs.map(([form]) => form),
        pairs.map(([, term]) => term),
      ),
    );
    const expected = [...reference.rows()];
    expect(expected.find((row) => row.form === 'camion')?.terms).toBe('camion camión camionero');
    for (const batchSize of [1, 2, 4]) {
      // A table shared with other strings (as the corpus writer's is): forms are not numbered 0, 1, 2…
      const strings = new StringTable();
      strings.internAll(['gobierno', 'abierto', 'camión']);
      const builder = new BatchedFormsBuilder(new MemoryRunStore(), batchSize, strings);
      DOCUMENTS.forEach((pairs, doc) => {
        const forms = pairs.map(([form]) => form);
        const terms = pairs.map(([, term]) => term);
        builder.add(doc, forms, terms, { forms: strings.internAll(forms), formTerms: strings.internAll(terms) });
      });
      expect([...builder.rows()]).toEqual(expected);
    }
  });

  it('refuses documents out of order', () => {
    const builder = new BatchedFormsBuilder(new MemoryRunStore(), 4);
    builder.add(3, ['rio'], ['rio']);
    expect(() => builder.add(3, ['rio'], ['rio'])).toThrow(/document order/);
  });
});
