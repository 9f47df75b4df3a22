import type lunr from 'lunr';

/** A query automaton node paired with the sorted terms whose first `depth` chars spell the path to it. */
interface Frame {
  node: lunr.TokenSet;
  depth: number;
  /** First term of the range (inclusive). */
  low: number;
  /** End of the range (exclusive). */
  high: number;
}

/**
 * The positions in `terms` (sorted by code unit, unique) of every term a clause's token set
 * accepts: what Lunr's `indexTokenSet.intersect(clauseTokenSet).toArray()` returns, as term
 * positions in ascending order.
 *
 * Why: Lunr intersects the clause with the index's own token set, a DAG of every term. At
 * 10,000 documents that DAG is ~3 MB of node objects in the search thread once the first fuzzy
 * or wildcard clause ran, kept for the archive's lifetime. The sorted term list already is that
 * automaton: the terms sharing a prefix are one contiguous range, and the terms that continue it
 * with a given char are a sub-range found by binary search. So the clause's (small) automaton is
 * walked over ranges of the list and nothing is built per term.
 *
 * Lunr's rules kept: a clause edge `*` matches any char, any other edge only its own char; a
 * term is accepted when the clause node reached by its last char is final (the empty term never
 * is: Lunr does not look at the roots' `final`).
 */
export function termsAcceptedBy(clause: lunr.TokenSet, terms: readonly string[]): number[] {
  const accepted = new Set<number>();
  // A clause automaton shares nodes between edit paths; the same node over the same range
  // would only repeat the same answers.
  const visited = new Set<string>();
  const stack: Frame[] = [{ node: clause, depth: 0, low: 0, high: terms.length }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { node, depth, high } = frame;
    let low = frame.low;
    // In a range sharing `depth` chars, the term of exactly that length (at most one) sorts first.
    if ((terms[low]?.length ?? -1) === depth) {
      if (depth > 0 && node.final) accepted.add(low);
      low += 1;
    }
    if (low >= high) continue;
    for (const [edge, child] of Object.entries(node.edges)) {
      if (!child) continue;
      if (edge === '*') {
        // Every distinct next char of the range, one sub-range each.
        for (let start = low; start < high;) {
          const code = terms[start]?.charCodeAt(depth) ?? -1;
          const end = firstAtOrAbove(terms, depth, code + 1, start, high);
          push(stack, visited, { node: child, depth: depth + 1, low: start, high: end });
          start = end;
        }
        continue;
      }
      const code = edge.charCodeAt(0);
      const start = firstAtOrAbove(terms, depth, code, low, high);
      const end = firstAtOrAbove(terms, depth, code + 1, start, high);
      if (start < end) push(stack, visited, { node: child, depth: depth + 1, low: start, high: end });
    }
  }
  return [...accepted].sort((a, b) => a - b);
}

function push(stack: Frame[], visited: Set<string>, frame: Frame): void {
  const key = `${String(frame.node.id)}:${String(frame.depth)}:${String(frame.low)}:${String(frame.high)}`;
  if (visited.has(key)) return;
  visited.add(key);
  stack.push(frame);
}

/**
 * First position in [low, high) whose char at `depth` is ≥ `code`; every term there is longer
 * than `depth` and the range is sorted by that char.
 */
function firstAtOrAbove(terms: readonly string[], depth: number, code: number, low: number, high: number): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((terms[middle]?.charCodeAt(depth) ?? -1) < code) low = middle + 1;
    else high = middle;
  }
  return low;
}
