import lunr from 'lunr';

/**
 * A query clause as Lunr really builds it. Its typings declare every field present, but
 * `lunr.Query#clause` fills in only fields, boost, usePipeline, wildcard and presence:
 * `editDistance` stays unset unless the query asks for fuzziness, and a clause built by hand may
 * lack the rest. Readers take this shape, which every `lunr.Query.Clause` satisfies, so the
 * defaults below are real checks rather than dead code.
 */
export interface ClauseAsBuilt {
  editDistance?: number;
  wildcard?: number;
  fields?: string[];
  presence?: number;
}

const NO_WILDCARD: number = lunr.Query.wildcard.NONE;

export function editDistanceOf(clause: ClauseAsBuilt): number {
  return clause.editDistance ?? 0;
}

/** Lunr's wildcard flags of a clause (0: none). */
export function wildcardFlags(clause: ClauseAsBuilt): number {
  return clause.wildcard ?? NO_WILDCARD;
}

export function fieldsOf(clause: ClauseAsBuilt): string[] {
  return clause.fields ?? [];
}

export function presenceOf(clause: ClauseAsBuilt): number | undefined {
  return clause.presence;
}

/**
 * Makes a clause plain (not fuzzy) by removing its edit distance. Deleted, not zeroed: Lunr
 * builds a fuzzy (wildcard-blind) token set whenever the key exists.
 */
export function dropEditDistance(clause: ClauseAsBuilt): void {
  delete clause.editDistance;
}

/** Whether the clause stands for several index terms (a wildcard or an edit distance). */
export function expandsTerms(clause: ClauseAsBuilt): boolean {
  return wildcardFlags(clause) !== NO_WILDCARD || editDistanceOf(clause) > 0;
}
