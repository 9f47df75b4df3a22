/**
 * How well the text around a candidate position agrees with a stored prefix/suffix.
 *
 * Counts matching code units walking outwards from the candidate (prefix backwards from its
 * start, suffix forwards from its end) and divides by the context length. Walking outwards
 * is the point: an edit far from the passage only lowers the score a little, an edit right
 * next to it a lot. Exact comparison is enough here: the score only RANKS candidates that
 * already matched the quote; it never decides on its own whether a passage was found.
 */
export function contextScore(text: string, start: number, end: number, prefix: string, suffix: string): number {
  const total = prefix.length + suffix.length;
  if (total === 0) return 1;
  let matched = 0;
  for (let i = 1; i <= prefix.length && start - i >= 0; i += 1) {
    if (text.charCodeAt(start - i) !== prefix.charCodeAt(prefix.length - i)) break;
    matched += 1;
  }
  for (let i = 0; i < suffix.length && end + i < text.length; i += 1) {
    if (text.charCodeAt(end + i) !== suffix.charCodeAt(i)) break;
    matched += 1;
  }
  return matched / total;
}
