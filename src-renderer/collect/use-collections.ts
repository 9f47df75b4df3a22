import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { AnnotationsApi } from '../../src-main/common/api';
import type { Collection } from '../../src-main/common/collections';
import { describeError } from '../lib/errors';

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
  const [collections, setCollections] = useState<Collection[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    setCollections(await notesApi.listCollections());
  }, [notesApi]);
  useEffect(() => {
    if (!active) return;
    let current = true;
    notesApi.listCollections().then(
      (list) => {
        if (current) setCollections(list);
      },
      (failure: unknown) => {
        if (current) setError(describeError(failure, t));
      },
    );
    return () => {
      current = false;
    };
  }, [notesApi, active, t]);

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
