/**
 * Where `value` stands in `sorted` (ascending by `<`, as the build writes terms, words and document
 * ids), by binary search; -1 when it is not there. The stored lists are read as they are, so an
 * archive opens without building a map of every string.
 */
export function indexInSorted(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = sorted[middle] ?? '';
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
