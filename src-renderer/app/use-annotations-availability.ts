import { useMemo } from 'react';
import type { AnnotationsApi, ArchiveApi, UserDataStatus } from '../../src-main/common/api';
import { useLoaded } from '../lib/use-loaded';

export interface AnnotationsAvailability {
  /** The annotations, once they answered; null while asking and where there are none. */
  notesApi: AnnotationsApi | null;
  userDataStatus: UserDataStatus | null;
  /** Known to be unavailable: this transport has none or they refused (a page shared on the network). */
  off: boolean;
}

/** Annotations are offered when the transport has them and they answer (not on a shared server). */
export function useAnnotationsAvailability(api: ArchiveApi, ready: boolean): AnnotationsAvailability {
  const candidate = api.annotations;
  const loaded = useLoaded(
    useMemo(() => (ready && candidate ? () => candidate.userDataStatus() : null), [ready, candidate]),
  );
  if (!candidate) return { notesApi: null, userDataStatus: null, off: ready };
  if (loaded.state === 'error') return { notesApi: null, userDataStatus: null, off: true };
  // The last answer stands while the archive is not ready, as it did before it went away.
  if (loaded.latest === undefined) return { notesApi: null, userDataStatus: null, off: false };
  return { notesApi: candidate, userDataStatus: loaded.latest, off: false };
}
