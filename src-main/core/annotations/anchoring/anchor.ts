import type { AnchorState, TextPositionSelector, TextQuoteSelector } from '../../../common/annotations';
import { findApproximateQuote } from './approximate-quote';
import { contextScore } from './context-score';
import { findExactQuote } from './exact-quote';

export interface AnchorSelectors {
  quote: TextQuoteSelector;
  /** Optional: annotations imported from other tools may carry only a quote. */
  position?: TextPositionSelector | null;
}

export interface AnchorResult {
  start: number;
  end: number;
  /** `anchored` when found at the stored position, `moved` otherwise. */
  state: Exclude<AnchorState, 'orphaned'>;
  /** 1 for the exact quote; below 1 (>= MIN_SIMILARITY) for an approximate match. */
  similarity: number;
}

/**
 * Finds the passage `selectors` describe in `text`; null when it is gone (the caller marks the
 * annotation orphaned, it never guesses). Steps, cheapest and most certain first:
 *  1. the stored position still holds the quote with the same context -> anchored;
 *  2. the exact quote elsewhere (or at the stored position but with another copy whose context
 *     agrees better) -> the best context wins, nearest to the old position on ties;
 *  3. an approximate match of the quote (see approximate-quote.ts for the threshold);
 *  4. null.
 */
export function anchor(text: string, selectors: AnchorSelectors): AnchorResult | null {
  const { exact, prefix, suffix } = selectors.quote;
  if (exact.length === 0) return null;
  const hint = selectors.position ? selectors.position.start : null;

  if (selectors.position) {
    const { start, end } = selectors.position;
    // Step 1's fast path demands full context agreement: a quote that still sits at its old
    // offset by coincidence (text inserted before it pushed another copy there) must lose to
    // the copy whose neighbours match.
    if (text.slice(start, end) === exact && contextScore(text, start, end, prefix, suffix) === 1) {
      return { start, end, state: 'anchored', similarity: 1 };
    }
  }

  const best = findExactQuote(text, exact, prefix, suffix, hint)[0];
  if (best) return result(best.start, best.end, 1, selectors.position ?? null);

  const approximate = findApproximateQuote(text, exact, prefix, suffix, hint);
  if (approximate)
    return result(approximate.start, approximate.end, approximate.similarity, selectors.position ?? null);
  return null;
}

function result(start: number, end: number, similarity: number, old: TextPositionSelector | null): AnchorResult {
  const unchanged = similarity === 1 && old !== null && old.start === start && old.end === end;
  return { start, end, state: unchanged ? 'anchored' : 'moved', similarity };
}
