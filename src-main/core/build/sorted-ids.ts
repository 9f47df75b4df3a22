import { idsByName } from '../search/int-list';

/**
 * The ids `0..names.length-1` of a builder's vocabulary (`names[id]`, all distinct, appended as
 * they are first met), in code-unit order of their names: JavaScript's string order, the order
 * the stored index, phrase positions and word forms are written in.
 *
 * Why kept up to date instead of sorted when needed: each builder needs its batch's words in that
 * order at every spill (every 4,096 documents) and all of them at the end, and sorting 30,000-40,000
 * names with a comparator each time was about 0.6 s of a 10,000-post build's main thread (12 sorts;
 * a bundled profile, load average 6). Here each name is sorted once, with those that came since the
 * last call, and merged into the order kept from before; a spill then reads its words off that order.
 */
export class SortedIds {
  private sorted = new Int32Array(0);

  constructor(private readonly names: readonly string[]) {}

  /** Every id so far, in name order. Valid until the next call after new names were added. */
  order(): Int32Array {
    const known = this.sorted.length;
    const total = this.names.length;
    if (known === total) return this.sorted;
    const names = this.names;
    const added = idsByName(
      Int32Array.from({ length: total - known }, (_, at) => known + at),
      names,
    );
    const merged = new Int32Array(total);
    let from = 0;
    let next = 0;
    let write = 0;
    while (from < known && next < added.length) {
      const old = this.sorted[from] ?? 0;
      const fresh = added[next] ?? 0;
      if ((names[old] ?? '') < (names[fresh] ?? '')) {
        merged[write++] = old;
        from += 1;
      } else {
        merged[write++] = fresh;
        next += 1;
      }
    }
    merged.set(this.sorted.subarray(from), write);
    merged.set(added.subarray(next), write + known - from);
    this.sorted = merged;
    return merged;
  }
}
