import { describe, expect, it } from 'vitest';
import { cannotFit, projectedHeapMb } from '../../../bench/child-memory-guard';

const LIMIT = { documentsTotal: 100_000, heapLimitMb: 4096 };

describe('the in-memory engines’ memory guard', () => {
  it('projects the heap of every document from the rate so far', () => {
    expect(projectedHeapMb({ ...LIMIT, documentsAdded: 40_000, heapUsedMb: 2000 })).toBe(5000);
  });

  it('stops a build whose projection clearly exceeds the limit, with the figures', () => {
    // 2,500 MB after 40,000 documents: 6,250 MB for 100,000 > 1.25 × 4,096.
    expect(cannotFit({ ...LIMIT, documentsAdded: 40_000, heapUsedMb: 2500 })).toBe(
      'out of memory, projected: 6.1 GB of heap for 100,000 documents (2500 MB live after 40,000; heap limit 4096 MB)',
    );
  });

  it('lets a build that might just fit go on, and never judges before 30% of the documents', () => {
    // 5,000 MB projected: above the limit but within the 1.25 margin.
    expect(cannotFit({ ...LIMIT, documentsAdded: 40_000, heapUsedMb: 2000 })).toBeNull();
    // 10× the limit projected, but only 20% of the documents in.
    expect(cannotFit({ ...LIMIT, documentsAdded: 20_000, heapUsedMb: 8000 })).toBeNull();
    expect(cannotFit({ ...LIMIT, documentsTotal: 0, documentsAdded: 0, heapUsedMb: 10 })).toBeNull();
  });
});
