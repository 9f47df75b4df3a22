/** A run of text with the font size pdf.js draws it in. */
export interface SizedText {
  size: number;
  text: string;
}

/**
 * The size most characters are set in, to half a point: a document's (or a page's) body size,
 * which headings, notes and figure labels are told apart from. `fallback` when there is no text.
 */
export function dominantSize(pieces: Iterable<SizedText>, fallback: number): number {
  const weights = new Map<number, number>();
  for (const piece of pieces) {
    const size = Math.round(piece.size * 2) / 2;
    weights.set(size, (weights.get(size) ?? 0) + piece.text.length);
  }
  let best = fallback;
  let bestWeight = -1;
  for (const [size, weight] of weights) if (weight > bestWeight) [best, bestWeight] = [size, weight];
  return best;
}
