import { contextScore } from './context-score';

export interface QuoteCandidate {
  start: number;
  end: number;
  /** 0..1 agreement of the surrounding text with the stored prefix/suffix. */
  context: number;
}

/**
 * Every occurrence of `exact` in `text`, best first: highest context score, then nearest to
 * `hint` (the stored position) so that of two equally plausible copies the one where the
 * annotation used to be wins. Returns [] when the quote does not occur.
 */
export function findExactQuote(
  text: string,
  exact: string,
  prefix: string,
  suffix: string,
  hint: number | null,
): QuoteCandidate[] {
  if (exact.length === 0) return [];
  const found: QuoteCandidate[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    found.push({
      start: at,
      end: at + exact.length,
      context: contextScore(text, at, at + exact.length, prefix, suffix),
    });
  }
  return found.sort((a, b) => b.context - a.context || distance(a.start, hint) - distance(b.start, hint));
}

export function distance(position: number, hint: number | null): number {
  return hint === null ? 0 : Math.abs(position - hint);
}
