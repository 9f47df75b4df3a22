import { useTranslation } from 'react-i18next';
import type { AnnotationsApi, ArchiveApi } from '../../src-main/common/api';
import type { ActivitySettingsState } from './use-activity-settings';
import { useCollections } from './use-collections';
import { NewCollectionForm } from './NewCollectionForm';
import { CollectionDetail } from './CollectionDetail';
import { ActivityPanel } from './ActivityPanel';

interface CollectionsViewProps {
  api: ArchiveApi;
  notesApi: AnnotationsApi;
  activity: ActivitySettingsState;
  /** The collection open (`#collection/<id>`), or null for the list. */
  selectedId: string | null;
}

/**
 * The user's collections (create, open, rename, delete), then saved searches, search history and
 * what this computer may remember. Every entry is a real link (`#collection/<id>`, `#doc/<id>`,
 * `#search?…`): it opens in place, and can be copied or opened in a new tab.
 */
export function CollectionsView({ api, notesApi, activity, selectedId }: CollectionsViewProps) {
  const { t } = useTranslation();
  const state = useCollections(notesApi, true, t);
  const selected = selectedId === null ? null : (state.collections?.find((item) => item.id === selectedId) ?? null);

  return (
    <section className="collections-view" aria-labelledby="collections-heading" data-testid="collections-view">
      {state.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      {selectedId !== null ? (
        <>
          <p>
            <a className="collection-back" href="#collections">
              {t('collect.backToList')}
            </a>
          </p>
          {selected ? (
            <CollectionDetail api={api} collection={selected} state={state} headingId="collections-heading" />
          ) : (
            <>
              <h2 id="collections-heading">{t('collect.heading')}</h2>
              {state.collections !== null && <p role="alert">{t('collect.notFound')}</p>}
            </>
          )}
        </>
      ) : (
        <>
          <h2 id="collections-heading">{t('collect.heading')}</h2>
          <NewCollectionForm
            onCreate={(name) => state.create(name)}
            inputTestId="collection-name-input"
            buttonTestId="collection-create"
          />
          {state.collections?.length === 0 && <p>{t('collect.none')}</p>}
          <ul className="collection-list" data-testid="collection-list">
            {(state.collections ?? []).map((collection) => (
              <li key={collection.id}>
                <a href={`#collection/${collection.id}`}>{collection.name}</a>{' '}
                <span className="muted">{t('collect.documents', { count: collection.documentIds.length })}</span>
              </li>
            ))}
          </ul>
          <ActivityPanel notesApi={notesApi} activity={activity} />
        </>
      )}
    </section>
  );
}
