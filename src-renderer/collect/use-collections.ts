import { useCallback, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import type { AnnotationsApi } from '../../src-main/common/api';
import type { Collection } from '../../src-main/common/collections';
import { describeError } from '../lib/errors';
import { useLoaded } from '../lib/use-loaded';

export interface CollectionsState {
  /** Null until the first answer. */
  collections: Collection[] | null;
  error: string | null;
  create(name: string, documentIds?: string[]): Promise<Collection | null>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
  setMembership(id: string, documentIds: readonly string[], member: boolean): Promise<void>;
}

/** The user's collections, loaded when `active`, with the actions that change them (each reloads the list). */
export function useCollections(notesApi: AnnotationsApi, active: boolean, t: TFunction): CollectionsState {
  const listed = useLoaded(useMemo(() => (active ? () => notesApi.listCollections() : null), [notesApi, active]));
  const collections = listed.latest ?? null;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (listed.state === 'error' ? describeError(listed.error, t) : null);
  const { reload } = listed;

  /** Runs a change, reloads, and words a failure (the list keeps its last good state). */
  const change = useCallback(
    async <T>(work: () => Promise<T>): Promise<T | null> => {
      try {
        const value = await work();
        setError(null);
        await reload();
        return value;
      } catch (failure) {
        setError(describeError(failure, t));
        return null;
      }
    },
    [reload, t],
  );
  return {
    collections,
    error,
    create: (name, documentIds) => change(() => notesApi.createCollection(name, documentIds)),
    rename: async (id, name) => {
      await change(() => notesApi.renameCollection(id, name));
    },
    remove: async (id) => {
      await change(() => notesApi.deleteCollection(id));
    },
    setMembership: async (id, documentIds, member) => {
      await change(async () => {
        for (const documentId of documentIds) await notesApi.setCollectionMembership(id, documentId, member);
      });
    },
  };
}
