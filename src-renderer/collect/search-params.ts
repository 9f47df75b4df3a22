import { formatRoute, type SearchState } from '../lib/route';

/**
 * A search as the part of the app's URL after `#search?` (`q=…&type=letter&sort=date`): the form
 * saved searches and history keep, so every filter and sort the URL knows survives.
 */
export function searchParamsOf(search: SearchState): string {
  const hash = formatRoute({ view: 'search', search });
  const at = hash.indexOf('?');
  return at === -1 ? '' : hash.slice(at + 1);
}

/** The `href` that runs a kept search. */
export function searchHref(params: string): string {
  return params === '' ? '#search' : `#search?${params}`;
}
