import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi } from '../../src-main/common/api';
import type { SearchState } from '../lib/route';
import { describeError } from '../lib/errors';
import { Dialog } from '../components/Dialog';
import { searchParamsOf } from './search-params';
import { NameField } from './NameField';

interface SaveSearchButtonProps {
  notesApi: AnnotationsApi;
  search: SearchState;
}

/** Names the search on screen (query, facets, sort) and keeps it, to run again in one click from Collections. */
export function SaveSearchButton({ notesApi, search }: SaveSearchButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setOpen(false);
    setError(null);
  };
  const save = async (event?: SyntheticEvent) => {
    event?.preventDefault();
    try {
      await notesApi.saveSearch({ name: name.trim(), query: search.query, params: searchParamsOf(search) });
      close();
    } catch (failure) {
      setError(describeError(failure, t));
    }
  };
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="save-search"
        onClick={() => {
          setName(search.query);
          setOpen(true);
        }}
      >
        {t('collect.saveSearch')}
      </button>
      <Dialog
        open={open}
        title={t('collect.saveSearchTitle')}
        onClose={close}
        actions={
          <>
            <button type="button" className="button" onClick={close}>
              {t('collect.cancel')}
            </button>
            <button
              type="button"
              className="button button-primary"
              data-testid="save-search-confirm"
              disabled={name.trim() === ''}
              onClick={() => void save()}
            >
              {t('collect.save')}
            </button>
          </>
        }
      >
        {open && (
          <form onSubmit={(event) => void save(event)}>
            <NameField label={t('collect.saveSearchName')} value={name} onChange={setName} testId="save-search-name" />
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
          </form>
        )}
      </Dialog>
    </>
  );
}
