/**
 * A text kept at one byte a char in V8, whatever it holds, and given back exactly.
 *
 * Why: V8 stores a string with a single char beyond Latin-1 at two bytes per char. Spanish
 * text is Latin-1 but for its curly quotes and dashes: of the 668 text starts the 44 benchmark
 * queries snippet at 10,000 generated documents, 170 held a `“` or `”`, 1.9 MB instead of
 * 0.9 MB in the cache of texts read for snippets. Here each code unit beyond Latin-1 (and the
 * stand-in itself) is stored as STAND_IN, the replaced code units kept apart; a text with a
 * few quotes costs a few slices and a join when it is read back.
 */
export interface Latin1Text {
  /** The text with STAND_IN for every replaced code unit. */
  readonly stored: string;
  /** Offsets of the replaced code units in `stored`, ascending (null: nothing replaced). */
  readonly offsets: Int32Array | null;
  /** The replaced code units, in the order of `offsets`. */
  readonly replaced: string;
}

const STAND_IN = '\u007f';
/** Code units beyond Latin-1, and the stand-in. Without the `u` flag: each surrogate half alone, offsets unchanged. */
const NEEDS_STAND_IN = /[\u007f\u0100-\uffff]/g;

export function toLatin1Text(text: string): Latin1Text {
  const offsets: number[] = [];
  const replaced: string[] = [];
  const stored = text.replace(NEEDS_STAND_IN, (unit, offset: number) => {
    offsets.push(offset);
    replaced.push(unit);
    return STAND_IN;
  });
  if (offsets.length === 0) return { stored: text, offsets: null, replaced: '' };
  return { stored: asOneByteString(stored), offsets: Int32Array.from(offsets), replaced: replaced.join('') };
}

/**
 * The same Latin-1 text as a string V8 stores one byte a char. Why a copy: `replace`, `slice`
 * and `join` on a two-byte string give two-byte strings even when no char is beyond Latin-1
 * (measured: 3,000,000 chars held 6 MB after `replace`, 3 MB after this). Every char of `latin1`
 * must be at most U+00FF.
 */
export function asOneByteString(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('latin1');
}

export function fromLatin1Text({ stored, offsets, replaced }: Latin1Text): string {
  if (!offsets) return stored;
  const parts: string[] = [];
  let from = 0;
  offsets.forEach((offset, i) => {
    parts.push(stored.slice(from, offset), replaced.charAt(i));
    from = offset + 1;
  });
  parts.push(stored.slice(from));
  return parts.join('');
}

/** Bytes V8 takes for a stored text: one per char, plus its replaced code units and offsets. */
export function latin1TextBytes(text: Latin1Text): number {
  return text.stored.length + 6 * text.replaced.length + 64;
}
