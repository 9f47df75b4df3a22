import { useEffect, useState } from 'react';
import type { AnnotationsApi, ArchiveApi, UserDataStatus } from '../../src-main/common/api';

export interface AnnotationsAvailability {
  /** The annotations, once they answered; null while asking and where there are none. */
  notesApi: AnnotationsApi | null;
  userDataStatus: UserDataStatus | null;
  /** Known to be unavailable: this transport has none or they refused (a page shared on the network). */
  off: boolean;
}

/** Annotations are offered when the transport has them and they answer (not on a shared server). */
export function useAnnotationsAvailability(api: ArchiveApi, ready: boolean): AnnotationsAvailability {
  const [answer, setAnswer] = useState<{ notesApi: AnnotationsApi; status: UserDataStatus } | 'off' | null>(null);
  useEffect(() => {
    if (!ready) return;
    const candidate = api.annotations;
    if (!candidate) {
      queueMicrotask(() => {
        setAnswer('off');
      });
      return;
    }
    let current = true;
    candidate.userDataStatus().then(
      (status) => {
        if (current) setAnswer({ notesApi: candidate, status });
      },
      () => {
        if (current) setAnswer('off');
      },
    );
    return () => {
      current = false;
    };
  }, [ready, api]);
  return answer === null || answer === 'off'
    ? { notesApi: null, userDataStatus: null, off: answer === 'off' }
    : { notesApi: answer.notesApi, userDataStatus: answer.status, off: false };
}
