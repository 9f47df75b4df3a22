import type { DocumentSummary, FacetName } from '../../common/types';

/**
 * The facet values of one document: the single definition behind the search catalog
 * (search/search-catalog.ts), from which the searcher counts and filters facets.
 * `author` covers authors and signatories (a letter's authors are its signatories).
 */
export function facetValues(
  document: Pick<DocumentSummary, 'type' | 'category' | 'tags' | 'authors' | 'signatories' | 'date'>,
): Record<FacetName, string[]> {
  return {
    type: [document.type],
    category: document.category ? [document.category] : [],
    tag: unique(document.tags),
    author: unique([...document.authors, ...document.signatories]),
    year: document.date ? [document.date.slice(0, 4)] : [],
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}
