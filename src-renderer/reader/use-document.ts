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

/** What the archive answered, before an error is put into words. */
type Answer = Exclude<LoadState, { state: 'error' }> | { state: 'error'; error: unknown };

/**
 * The document with this id, asked again whenever the id changes; a late answer for an old id is
 * dropped. An error is put into words when drawn, so a change of language never asks again: a
 * second answer would be a new document object, and the reader starts a new document at its top.
 */
export function useDocument(api: ArchiveApi, id: string, t: TFunction): LoadState {
  // Kept with the id it answers: a new id reads as loading at once, with no effect to reset it.
  const [answer, setAnswer] = useState<{ id: string; load: Answer } | null>(null);
  useEffect(() => {
    let current = true;
    api.getDocument(id).then(
      (document) => {
        if (current) setAnswer({ id, load: document ? { state: 'ready', document } : { state: 'missing' } });
      },
      (error: unknown) => {
        if (current) setAnswer({ id, load: { state: 'error', error } });
      },
    );
    return () => {
      current = false;
    };
  }, [api, id]);
  if (answer?.id !== id) return LOADING;
  const { load } = answer;
  return load.state === 'error' ? { state: 'error', message: describeError(load.error, t) } : load;
}

const LOADING: LoadState = { state: 'loading' };
