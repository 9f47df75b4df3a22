import { describe, expect, it } from 'vitest';
import { ListPackPool } from '../../../src-main/core/build/list-pack-pool';
import { packList, unpackList } from '../../../src-main/core/search/packed-list';

/** Varint-like bytes: small repetitive numbers, as postings and positions are. */
function listOf(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = (state >>> 16) % 7;
  }
  return bytes;
}

describe('ListPackPool', () => {
  // Short (raw), long, one at exactly brotli's 64 KB input block, and many in a row.
  const lists = [10, 511, 512, 4000, 65536, 131072, 70000, ...Array.from({ length: 300 }, (_, i) => 300 + i * 7)].map(
    (length, index) => listOf(length, index + 1),
  );

  it('packs each list as packList does, written in order, in worker threads', async () => {
    const pool = new ListPackPool(2);
    const written: Array<[number, Buffer]> = [];
    try {
      await pool.packEach(
        lists.map((list, index) => ({ index, list })),
        (item) => item.list,
        (item, packed) => written.push([item.index, packed]),
      );
    } finally {
      await pool.close();
    }
    expect(written.map(([index]) => index)).toEqual(lists.map((_, index) => index));
    written.forEach(([index, packed]) => {
      const list = lists[index] ?? new Uint8Array();
      expect(packed.equals(packList(list))).toBe(true);
      expect(Buffer.from(unpackList(packed, 'test list')).equals(Buffer.from(list))).toBe(true);
    });
    // The long lists were compressed (header 1), the short ones stored raw (header 0).
    expect(written[0]?.[1][0]).toBe(0);
    expect(written[4]?.[1][0]).toBe(1);
  });

  it('packs in this thread, the same bytes, when no worker is running', async () => {
    const pool = new ListPackPool(0);
    const written: Buffer[] = [];
    await pool.packEach(
      lists.slice(0, 8),
      (list) => list,
      (_, packed) => written.push(packed),
    );
    await pool.close();
    expect(written.map((packed) => packed.toString('hex'))).toEqual(
      lists.slice(0, 8).map((list) => packList(list).toString('hex')),
    );
  });
});
