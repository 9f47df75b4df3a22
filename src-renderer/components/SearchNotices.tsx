import { useTranslation } from 'react-i18next';
import type { SearchResponse } from '../../src-main/common/types';
import { formatRoute, type SearchState } from '../lib/route';
import { isPlainClick } from '../lib/plain-click';

export interface SearchNoticesProps {
  response: SearchResponse | null;
  search: SearchState;
  /** The empty query's listing: no word to explain. */
  isLibrary: boolean;
  /** An answer to an earlier query is still shown: its offers would not fit the words typed since. */
  stale: boolean;
  onSearchChange: (change: Partial<SearchState>) => void;
}

/**
 * What a search answer says about itself above the list: OR read from the query, "did you mean"
 * (or the phrase offered for common words) as a link that runs it, and why the query was read
 * otherwise than typed (its syntax, its common words, its length).
 */
export function SearchNotices({ response, search, isLibrary, stale, onSearchChange }: SearchNoticesProps) {
  const { t } = useTranslation();
  const suggestion = response?.suggestion;
  return (
    <>
      {response?.match === 'any' && (search.match ?? 'all') === 'all' && !isLibrary && (
        <p className="notice" role="note" data-testid="notice-or">
          {t('searchux.matchFromSyntax')}
        </p>
      )}
      {suggestion !== undefined && !stale && (
        <p className="did-you-mean" data-testid="did-you-mean">
          {t('searchux.didYouMeanBefore')}
          <a
            href={formatRoute({ view: 'search', search: { ...search, query: suggestion } })}
            onClick={(event) => {
              if (!isPlainClick(event)) return;
              event.preventDefault();
              onSearchChange({ query: suggestion });
            }}
          >
            {suggestion}
          </a>
          {t('searchux.didYouMeanAfter')}
        </p>
      )}
      {response?.notice?.code === 'literal-fallback' && (
        <p className="notice" role="note" data-testid="notice-literal">
          {t('search.literalFallback')}
        </p>
      )}
      {response?.notice?.code === 'common-words' && !stale && (
        <p className="notice" role="note" data-testid="notice-common-words">
          {t('search.commonWords')}
          {suggestion !== undefined && ` ${t('search.commonWordsPhrase')}`}
        </p>
      )}
      {response?.notice?.code === 'query-truncated' && (
        <p className="notice" role="note">
          {t('search.truncated')}
        </p>
      )}
    </>
  );
}
