import type { Annotation, AnnotationQuery } from '../../common/annotations';
import { ApiError } from '../../common/errors';
import { foldPhrase } from '../search/fold';
import type { UserData } from '../userdata/user-data';
import { checkColour } from './validate';
import { ANCHOR_STATES } from '../../common/annotations';

export const DEFAULT_SEARCH_LIMIT = 200;
import { MAX_NOTES_QUERY_LENGTH as MAX_QUERY_LENGTH, MAX_SEARCH_LIMIT } from '../../common/limits';
export { MAX_QUERY_LENGTH, MAX_SEARCH_LIMIT };

/**
 * Notes search: every word of `query` must occur in the annotation's quote, note or tags,
 * compared after the same folding as document search (`México` = `mexico`, `año` != `ano`),
 * as a substring (so `vigila` finds `vigilancia`). Substring search over a folded column is
 * enough for a person's notes (thousands, not millions) and needs no second index to keep in
 * sync. Results are newest first (by last modification).
 */
export function searchAnnotations(userData: UserData, query: AnnotationQuery = {}): Annotation[] {
  if (query.query !== undefined && query.query.length > MAX_QUERY_LENGTH) {
    throw new ApiError(
      'InvalidArgument',
      `query is ${query.query.length} characters long; the limit is ${MAX_QUERY_LENGTH}`,
    );
  }
  const words = foldPhrase(query.query ?? '')
    .split(' ')
    .filter((word) => word.length > 0);
  if (query.state !== undefined && !ANCHOR_STATES.includes(query.state)) {
    throw new ApiError('InvalidArgument', `state must be one of ${ANCHOR_STATES.join(', ')}`);
  }
  const limit = Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.trunc(query.limit ?? DEFAULT_SEARCH_LIMIT)));
  const offset = Math.max(0, Math.trunc(query.offset ?? 0));
  return userData.annotations.search({
    words,
    ...(query.colour !== undefined ? { colour: checkColour(query.colour) } : {}),
    ...(query.tag !== undefined ? { tag: query.tag } : {}),
    ...(query.documentId !== undefined ? { documentId: query.documentId } : {}),
    ...(query.state !== undefined ? { state: query.state } : {}),
    limit,
    offset,
  });
}
