import type { SearchHit } from '../../src-main/common/types';
import { foldWord } from '../lib/fold';

/** Plain words only: quotes, wildcards, fuzziness, fields, boosts, signs and OR change what matches. */
const PLAIN_QUERY = /^[\p{L}\p{N}\s]*$/u;

/**
 * While the server answers a query typed one or more letters further (`gobier` → `gobierno`),
 * the rows already on screen that contain every word of the new query (as the start of a word of
 * their title, people or snippet) are shown as a provisional list. It is only ever a subset of
 * what was answered before, never a guess at new rows, and it is marked as provisional until the
 * server's answer replaces it (SearchView). Null when the new query does not simply extend the
 * old one with plain words: then nothing is shown early.
 */
export function narrowShownHits(shownQuery: string, nextQuery: string, hits: readonly SearchHit[]): SearchHit[] | null {
  const shown = shownQuery.trim();
  const next = nextQuery.trim();
  if (shown === '' || next === shown || !next.startsWith(shown)) return null;
  if (!PLAIN_QUERY.test(next)) return null;
  const words = next.split(/\s+/).map(foldWord);
  return hits.filter((hit) => {
    const text = foldWord(
      [hit.title, ...hit.authors, ...hit.signatories, hit.snippet.replace(/<[^>]*>|&[#\w]+;/g, ' ')].join(' '),
    );
    const textWords = text.split(/[^\p{L}\p{N}]+/u);
    return words.every((word) => textWords.some((candidate) => candidate.startsWith(word)));
  });
}
