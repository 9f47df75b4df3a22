import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { DocumentRecord } from '../../src-main/common/types';
import { describeError } from '../lib/errors';

export type LoadState =
  | { state: 'loading' }
  | { state: 'ready'; document: DocumentRecord }
  | { state: 'missing' }
  | { state: 'error'; message: string };

/** The document with this id, asked again whenever the id changes; a late answer for an old id is dropped. */
export function useDocument(api: ArchiveApi, id: string, t: TFunction): LoadState {
  // Kept with the id it answers: a new id reads as loading at once, with no effect to reset it.
  const [answer, setAnswer] = useState<{ id: string; load: LoadState } | null>(null);
  useEffect(() => {
    let current = true;
    api.getDocument(id).then(
      (document) => {
        if (current) setAnswer({ id, load: document ? { state: 'ready', document } : { state: 'missing' } });
      },
      (error: unknown) => {
        if (current) setAnswer({ id, load: { state: 'error', message: describeError(error, t) } });
      },
    );
    return () => {
      current = false;
    };
  }, [api, id, t]);
  return answer?.id === id ? answer.load : LOADING;
}

const LOADING: LoadState = { state: 'loading' };
