import { createRandom, WeightedTable, zipfWeights } from './prng';

/**
 * Spanish-looking words that the real corpus does not contain.
 *
 * Why: the real corpus has ~21,000 words and a few thousand distinct forms; a
 * 10,000-document archive written by people has tens of thousands (names,
 * places, rare words: Heaps' law). An index's size and load time grow with its
 * vocabulary, so a generator that only reshuffles the real words would flatter
 * the index. An order-2 letter model trained on the real words makes new words
 * whose letters and accents look Spanish, so stemming and folding do real work.
 */
export function syntheticWordPool(realWords: ReadonlySet<string>, size: number, seed: number): string[] {
  const transitions = new Map<string, Map<string, number>>();
  for (const word of realWords) {
    if (word.length < 4) continue;
    const padded = `^^${word}$`;
    for (let i = 2; i < padded.length; i++) {
      const context = padded.slice(i - 2, i);
      const letter = padded[i] as string;
      let counts = transitions.get(context);
      if (!counts) transitions.set(context, (counts = new Map<string, number>()));
      counts.set(letter, (counts.get(letter) ?? 0) + 1);
    }
  }
  const tables = new Map<string, WeightedTable<string>>();
  for (const [context, counts] of transitions) tables.set(context, new WeightedTable([...counts]));

  const random = createRandom(seed);
  const pool = new Set<string>();
  // Bounded so that a degenerate model cannot loop forever.
  for (let attempt = 0; pool.size < size && attempt < size * 50; attempt++) {
    let context = '^^';
    let word = '';
    while (word.length < 16) {
      const table = tables.get(context);
      if (!table) break;
      const letter = table.draw(random);
      if (letter === '$') break;
      word += letter;
      context = context.slice(1) + letter;
    }
    if (word.length >= 5 && word.length <= 14 && !realWords.has(word)) pool.add(word);
  }
  return [...pool];
}

/** The pool as a Zipf-weighted table: a few synthetic words recur often, most are rare. */
export function syntheticWordTable(pool: readonly string[]): WeightedTable<string> {
  return new WeightedTable(zipfWeights(pool, 1));
}
