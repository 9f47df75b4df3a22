/** Growable Int32 storage (term ids, frequencies, positions) without per-element JS objects. */
export class IntList {
  data: Int32Array;
  length = 0;
  /** Small by default: some builds keep one list per (term, field), most of them short. */
  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = value;
  }
  /** Makes room for `more` values past `length` (then `data` may be written directly). */
  reserve(more: number): void {
    if (this.length + more <= this.data.length) return;
    const grown = new Int32Array(Math.max(this.data.length * 2, this.length + more));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
  /** Forgets the values, keeping the storage for reuse. */
  clear(): void {
    this.length = 0;
  }
  /** The values so far (a view: valid until the next push). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Ids `0..count-1` sorted by their names in code-unit order (JavaScript's string order, the order
 * the stored index, phrase positions and word forms are written in).
 */
export function idsByName(ids: Int32Array, names: readonly string[]): Int32Array {
  return ids.sort((a, b) => {
    const x = names[a] ?? '';
    const y = names[b] ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
