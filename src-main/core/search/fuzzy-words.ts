/**
 * Fuzzy matching on the words people type, not only on stems.
 *
 * Why: Lunr applies `~N` to the index terms, which are stems. A misspelling often stems
 * differently from the word meant: `transparensia` stems to `transparensi`, two edits from the
 * index term `transparent`, so `transparensia~1` found nothing although `transparencia` is one
 * edit away. So a fuzzy clause also looks at the corpus's folded word forms (the words of the
 * phrase positions table): every form within the edit distance of the typed (folded) word
 * contributes its stem. Lunr's own expansion on stems is kept; this only adds to it.
 *
 * Distance: optimal string alignment (insertions, deletions, substitutions, adjacent
 * transpositions), the edits Lunr's fuzzy token set allows.
 */
export class FuzzyWords {
  /**
   * The vocabulary by word length, each length's words concatenated into one string (equal
   * lengths need no separators): one string per length instead of one per word. Why: a string
   * costs V8 16-24 bytes beside its chars, so the 43,000 word forms of 10,000 generated
   * documents held ~1.5 MB as strings and arrays, against ~0.4 MB here; the vocabulary grows
   * with the corpus.
   */
  private byLength: Map<number, string> | null = null;
  private readonly recent = new Map<string, string[]>();

  constructor(private readonly readWords: () => Iterable<string>) {}

  /**
   * Word forms of the corpus within `distance` edits of `word` (already folded). Words shorter
   * than MIN_WORD_LENGTH get none: one or two edits of a three-letter word match a large part
   * of the vocabulary, and Lunr's own expansion of the stem already covers them.
   */
  near(word: string, distance: number): string[] {
    if (distance <= 0 || word.length < MIN_WORD_LENGTH) return [];
    const key = `${distance}:${word}`;
    const known = this.recent.get(key);
    if (known) return known;
    const found = this.scan(word, distance);
    if (this.recent.size >= 256) this.recent.clear();
    this.recent.set(key, found);
    return found;
  }

  private scan(word: string, distance: number): string[] {
    this.byLength ??= groupByLength(this.readWords());
    const out: string[] = [];
    for (let length = Math.max(1, word.length - distance); length <= word.length + distance; length += 1) {
      const group = this.byLength.get(length) ?? '';
      for (let start = 0; start < group.length; start += length) {
        if (withinDistanceAt(word, group, start, length, distance)) out.push(group.slice(start, start + length));
      }
    }
    return out;
  }
}

export const MIN_WORD_LENGTH = 4;

function groupByLength(words: Iterable<string>): Map<number, string> {
  const groups = new Map<number, string[]>();
  for (const word of words) {
    const group = groups.get(word.length);
    if (group) group.push(word);
    else groups.set(word.length, [word]);
  }
  return new Map([...groups].map(([length, group]) => [length, group.join('')]));
}

/** Optimal-string-alignment distance ≤ max, with an early exit when a row exceeds it. */
export function withinDistance(a: string, b: string, max: number): boolean {
  return withinDistanceAt(a, b, 0, b.length, max);
}

/** withinDistance of `a` and the `length` chars of `text` from `start` (no substring made). */
function withinDistanceAt(a: string, text: string, start: number, length: number, max: number): boolean {
  if (Math.abs(a.length - length) > max) return false;
  const width = length + 1;
  let previous2 = new Int32Array(width);
  let previous = new Int32Array(width);
  let current = new Int32Array(width);
  for (let j = 0; j < width; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < width; j += 1) {
      const cost = a.charCodeAt(i - 1) === text.charCodeAt(start + j - 1) ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === text.charCodeAt(start + j - 2) &&
        a.charCodeAt(i - 2) === text.charCodeAt(start + j - 1)
      ) {
        value = Math.min(value, (previous2[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return false;
    const rotated = previous2;
    previous2 = previous;
    previous = current;
    current = rotated;
  }
  return (previous[length] ?? 0) <= max;
}
