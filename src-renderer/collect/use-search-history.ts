import { useEffect } from 'react';
import type { AnnotationsApi } from '../../src-main/common/api';
import type { SearchState } from '../lib/route';
import { searchParamsOf } from './search-params';

/** A search counts as run once the user paused on it this long (not every keystroke of a word). */
const SETTLED_MS = 1500;

/** Records the searches the user settles on, only while search history is turned on. */
export function useSearchHistory(notesApi: AnnotationsApi | null, enabled: boolean, search: SearchState | null): void {
  const params = search ? searchParamsOf(search) : '';
  const query = search?.query.trim() ?? '';
  useEffect(() => {
    if (!notesApi || !enabled || query === '') return;
    const timer = window.setTimeout(() => {
      void notesApi.recordSearch({ query, params }).catch(() => undefined);
    }, SETTLED_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [notesApi, enabled, query, params]);
}
