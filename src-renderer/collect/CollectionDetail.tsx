import { useCallback, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { Collection } from '../../src-main/common/collections';
import type { CollectionsState } from './use-collections';
import { NameField } from './NameField';
import { useLoaded } from '../lib/use-loaded';

interface CollectionDetailProps {
  api: ArchiveApi;
  collection: Collection;
  state: CollectionsState;
  headingId: string;
}

/** One collection: its documents as links (in the order added), rename, remove a document, delete. */
export function CollectionDetail({ api, collection, state, headingId }: CollectionDetailProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(collection.name);
  const [confirming, setConfirming] = useState(false);
  const titles = useDocumentTitles(api, collection.documentIds);
  const rename = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (name.trim() !== '' && name.trim() !== collection.name) await state.rename(collection.id, name.trim());
  };
  return (
    <div data-testid="collection-detail">
      <h2 id={headingId}>{collection.name}</h2>
      <form className="inline-form" onSubmit={(event) => void rename(event)}>
        <NameField label={t('collect.renameLabel')} value={name} onChange={setName} testId="collection-rename-input" />
        <button type="submit" className="button" data-testid="collection-rename">
          {t('collect.rename')}
        </button>
      </form>
      {collection.documentIds.length === 0 && <p>{t('collect.empty')}</p>}
      <ol className="collection-documents" data-testid="collection-documents">
        {collection.documentIds.map((id) => {
          const title = titles[id];
          const text = title ?? t('collect.missingDocument', { id });
          return (
            <li key={id}>
              {title === undefined ? <span>{text}</span> : <a href={`#doc/${id}`}>{title}</a>}
              <button
                type="button"
                className="button button-quiet"
                aria-label={t('collect.removeNamed', { title: text })}
                onClick={() => void state.setMembership(collection.id, [id], false)}
              >
                {t('collect.remove')}
              </button>
            </li>
          );
        })}
      </ol>
      {confirming ? (
        <div className="collection-delete" role="group" aria-label={t('collect.delete')}>
          <p>{t('collect.confirmDelete', { name: collection.name })}</p>
          <button
            type="button"
            className="button button-danger"
            data-testid="collection-delete-confirm"
            onClick={() => {
              void state.remove(collection.id).then(() => {
                window.location.hash = '#collections';
              });
            }}
          >
            {t('collect.delete')}
          </button>{' '}
          <button
            type="button"
            className="button"
            onClick={() => {
              setConfirming(false);
            }}
          >
            {t('collect.cancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button"
          data-testid="collection-delete"
          onClick={() => {
            setConfirming(true);
          }}
        >
          {t('collect.delete')}
        </button>
      )}
    </div>
  );
}

/** Titles of the documents the open archives hold (missing ones are left out). */
function useDocumentTitles(api: ArchiveApi, ids: readonly string[]): Record<string, string> {
  const key = ids.join(',');
  const loaded = useLoaded(
    useCallback(async () => {
      const pairs = await Promise.all(
        key
          .split(',')
          .filter((id) => id !== '')
          .map(async (id) => [id, (await api.getDocument(id).catch(() => null))?.title] as const),
      );
      const found: Record<string, string> = {};
      for (const [id, title] of pairs) if (title !== undefined) found[id] = title;
      return found;
    }, [api, key]),
  );
  return loaded.latest ?? NO_TITLES;
}

const NO_TITLES: Record<string, string> = {};
