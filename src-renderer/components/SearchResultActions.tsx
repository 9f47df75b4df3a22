import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi, ArchiveApi } from '../../src-main/common/api';
import type { SearchState } from '../lib/route';
import { searchRequestOf, type Results } from '../app/use-search-results';
import { SaveSearchButton } from '../collect/SaveSearchButton';
import { CollectionPicker } from '../collect/CollectionPicker';
import { ExportResultsButton } from '../citations/ExportResultsButton';
import { SaveResultsEpubButton } from '../epub/SaveEpubButton';

interface SearchResultActionsProps {
  api: ArchiveApi;
  notesApi: AnnotationsApi | null;
  search: SearchState;
  results: Results | null;
  /** The first archive's name: the title of a book of the whole library. */
  libraryName: string | undefined;
}

/** What can be done with the list shown: save the search, add it to a collection, export it, save it as a book. */
// Memoised: the app renders each answer first for the list; these follow (deferred props, see App).
export const SearchResultActions = memo(function SearchResultActions({
  api,
  notesApi,
  search,
  results,
  libraryName,
}: SearchResultActionsProps) {
  const { t } = useTranslation();
  const isLibrary = search.query.trim() === '';
  const title = isLibrary ? (libraryName ?? t('app.title')) : search.query;
  const request = searchRequestOf(search);
  return (
    <>
      {notesApi && !isLibrary && <SaveSearchButton notesApi={notesApi} search={search} />}
      {notesApi && results && (
        <CollectionPicker
          notesApi={notesApi}
          documentIds={results.hits.map((hit) => hit.id)}
          label={t('collect.addResults')}
          title={t('collect.pickerResultsTitle', { count: results.hits.length })}
          testId="add-results-to-collection"
        />
      )}
      <ExportResultsButton api={api} request={request} title={title} />
      <SaveResultsEpubButton
        api={api}
        notesApi={notesApi}
        request={request}
        title={title}
        wholeArchive={
          isLibrary &&
          !search.from &&
          !search.to &&
          Object.values(search.filters).every((values) => values.length === 0)
        }
      />
    </>
  );
});
