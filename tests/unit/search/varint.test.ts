import { describe, expect, it } from 'vitest';
import { decodeVarints, encodeUnsignedVarints, encodeVarints } from '../../../src-main/core/search/varint';

describe('varint encoding of postings and positions', () => {
  it('writes small numbers in one byte and 300 as two bytes, low bits first (zigzag: 300 → 600)', () => {
    expect([...encodeVarints(Int32Array.of(0, 1, 63))]).toEqual([0, 2, 126]);
    expect([...encodeVarints(Int32Array.of(64))]).toEqual([0x80, 0x01]);
    expect([...encodeVarints(Int32Array.of(300))]).toEqual([0xd8, 0x04]);
    expect([...encodeVarints(Int32Array.of(-1))]).toEqual([1]);
  });

  it('round-trips the edges of 32-bit numbers and a long list of deltas', () => {
    const edges = Int32Array.of(0, 1, -1, 127, 128, 16383, 16384, 2 ** 31 - 1, -(2 ** 31), -12345);
    expect([...decodeVarints(encodeVarints(edges), 'test numbers')]).toEqual([...edges]);
    const deltas = Int32Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 3001);
    const encoded = encodeVarints(deltas);
    expect(encoded.length).toBeLessThan(deltas.byteLength / 2);
    expect(decodeVarints(encoded, 'test numbers')).toEqual(deltas);
  });

  it('refuses bytes that end inside a number, naming what is damaged', () => {
    const encoded = encodeVarints(Int32Array.of(5, 300));
    expect(() => decodeVarints(encoded.subarray(0, encoded.length - 1), 'phrase positions')).toThrow(
      'the stored phrase positions are damaged (a number is cut short); rebuild the corpus',
    );
    expect(() => decodeVarints(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0x01), 'postings')).toThrow(/postings/);
  });

  it('writes non-negative numbers without zigzag (127 in one byte) and refuses a negative one', () => {
    expect([...encodeUnsignedVarints(Int32Array.of(0, 1, 127))]).toEqual([0, 1, 127]);
    expect([...encodeUnsignedVarints(Int32Array.of(128, 300))]).toEqual([0x80, 0x01, 0xac, 0x02]);
    expect(() => encodeUnsignedVarints(Int32Array.of(3, -1))).toThrow('-1 is negative');
  });
});
