import search from 'approx-string-match';
import { contextScore } from './context-score';
import { distance } from './exact-quote';

/**
 * The fuzzy step, for a passage whose words were edited.
 *
 * SIMILARITY is `1 - errors / exact.length`, where `errors` is the edit distance (insertions,
 * deletions, substitutions of UTF-16 code units) between the stored quote and the candidate
 * text. A candidate is ACCEPTED only at similarity >= 0.75, i.e. at most one edit per four
 * characters of the quote. Why 0.75: one changed word in a typical highlighted sentence
 * (60-200 characters) costs 5-15%; rewriting a quarter of a passage means it no longer says
 * what was highlighted, and the user is better served by an orphan they can re-attach than by
 * a highlight silently sitting on different words. Short quotes are thereby strict on their
 * own: a 3-character quote allows 0 errors, an 8-character one allows 2.
 *
 * The search is Myers' bit-parallel algorithm (approx-string-match, the library the
 * Hypothesis client anchors with): linear in the document length for any quote length,
 * unlike bitap variants limited to 32-character patterns.
 */
export const MIN_SIMILARITY = 0.75;

/** Weights for ranking accepted candidates: the quote itself matters most, context breaks ties. */
const QUOTE_WEIGHT = 50;
const CONTEXT_WEIGHT = 20;
const PROXIMITY_WEIGHT = 2;

export interface ApproximateMatch {
  start: number;
  end: number;
  similarity: number;
}

export function findApproximateQuote(
  text: string,
  exact: string,
  prefix: string,
  suffix: string,
  hint: number | null,
): ApproximateMatch | null {
  if (exact.length === 0 || text.length === 0) return null;
  const maxErrors = Math.floor(exact.length * (1 - MIN_SIMILARITY));
  if (maxErrors === 0) return null; // an exact search already failed; nothing fuzzier is allowed
  const candidates = search(text, exact, maxErrors);
  let best: { match: ApproximateMatch; score: number } | null = null;
  for (const candidate of candidates) {
    const start = trimToCharacter(text, candidate.start);
    const end = trimToCharacter(text, candidate.end);
    if (end <= start) continue;
    const similarity = 1 - candidate.errors / exact.length;
    if (similarity < MIN_SIMILARITY) continue;
    const context = contextScore(text, start, end, prefix, suffix);
    const proximity = 1 - Math.min(1, distance(start, hint) / Math.max(1, text.length));
    const score = QUOTE_WEIGHT * similarity + CONTEXT_WEIGHT * context + PROXIMITY_WEIGHT * proximity;
    if (best === null || score > best.score) best = { match: { start, end, similarity }, score };
  }
  return best?.match ?? null;
}

/** Moves an offset that falls inside a surrogate pair to the pair's start (never half a character). */
function trimToCharacter(text: string, offset: number): number {
  if (offset <= 0 || offset >= text.length) return offset;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff ? offset - 1 : offset;
}
