import { useCallback } from 'react';
import type { TFunction } from 'i18next';
import type { ArchiveApi } from '../../src-main/common/api';
import type { DocumentRecord } from '../../src-main/common/types';
import { describeError } from '../lib/errors';
import { useLoaded } from '../lib/use-loaded';

export type LoadState =
  | { state: 'loading' }
  | { state: 'ready'; document: DocumentRecord }
  | { state: 'missing' }
  | { state: 'error'; message: string };

/**
 * The document with this id, asked again whenever the id changes; a new id reads as loading at
 * once and a late answer for an old id is dropped (useLoaded). An error is put into words when
 * drawn, so a change of language never asks again: a second answer would be a new document
 * object, and the reader starts a new document at its top.
 */
export function useDocument(api: ArchiveApi, id: string, t: TFunction): LoadState {
  const loaded = useLoaded(useCallback(() => api.getDocument(id), [api, id]));
  if (loaded.state === 'error') return { state: 'error', message: describeError(loaded.error, t) };
  if (loaded.state !== 'ready') return LOADING;
  return loaded.value ? { state: 'ready', document: loaded.value } : MISSING;
}

const LOADING: LoadState = { state: 'loading' };
const MISSING: LoadState = { state: 'missing' };
