import { describe, expect, it } from 'vitest';
import { packList, PACK_FROM_BYTES, unpackList } from '../../../src-main/core/search/packed-list';
import { encodeUnsignedVarints } from '../../../src-main/core/search/varint';

describe('packed lists (header byte, then raw or brotli-compressed varints)', () => {
  it('keeps a short list raw behind header 0', () => {
    const bytes = Uint8Array.of(1, 2, 3);
    const packed = packList(bytes);
    expect([...packed]).toEqual([0, 1, 2, 3]);
    expect([...unpackList(packed, 'test lists')]).toEqual([1, 2, 3]);
  });

  it('compresses a long, repetitive list behind header 1 and reads it back unchanged', () => {
    // A common word's document deltas: mostly 1 and 2.
    const deltas = encodeUnsignedVarints(Int32Array.from({ length: 5_000 }, (_, i) => 1 + (i % 3 === 0 ? 1 : 0)));
    expect(deltas.length).toBeGreaterThanOrEqual(PACK_FROM_BYTES);
    const packed = packList(deltas);
    expect(packed[0]).toBe(1);
    expect(packed.length).toBeLessThan(deltas.length / 10);
    expect(Buffer.from(unpackList(packed, 'test lists')).equals(deltas)).toBe(true);
  });

  it('refuses an unknown header or damaged data, naming the list and asking for a rebuild', () => {
    expect(() => unpackList(Uint8Array.of(7, 1, 2), 'phrase positions')).toThrow(
      'the stored phrase positions have an unknown encoding (7); rebuild the corpus',
    );
    expect(() => unpackList(Uint8Array.of(1, 0xff, 0x00, 0x12), 'search index postings')).toThrow(
      /search index postings cannot be decompressed.*rebuild the corpus/,
    );
  });
});
