import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { ArchiveApi, ArchiveStatus } from '../../src-main/common/api';
import type { CorpusProblem } from '../../src-main/common/library';
import { describeError } from '../lib/errors';

export type ArchiveStatusState =
  | { state: 'loading' }
  | { state: 'ready'; problems?: CorpusProblem[] }
  | { state: 'error'; message: string; problem?: CorpusProblem };

/**
 * Polls the archive's status until its index is loaded (or it fails); `retry` starts again.
 * `known`: a status already answered (browser mode's first request): a ready one is the state
 * from the first render, and the same answer polled again does not render the app again.
 */
export function useArchiveStatus(
  api: ArchiveApi,
  t: TFunction,
  known: ArchiveStatus | null = null,
): { status: ArchiveStatusState; retry: () => void } {
  const [status, setStatus] = useState<ArchiveStatusState>(() =>
    known?.state === 'ready' ? known : { state: 'loading' },
  );
  const [retryToken, setRetryToken] = useState(0);
  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const poll = () => {
      api.status().then(
        (value) => {
          if (stopped) return;
          if (value.state === 'loading') {
            setStatus(value);
            timer = window.setTimeout(poll, 250);
          } else
            setStatus((previous) =>
              value.state === 'ready'
                ? previous.state === 'ready' && JSON.stringify(previous) === JSON.stringify(value)
                  ? previous
                  : value
                : { state: 'error', message: value.message, ...(value.problem ? { problem: value.problem } : {}) },
            );
        },
        (error: unknown) => {
          if (!stopped) setStatus({ state: 'error', message: describeError(error, t) });
        },
      );
    };
    poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api, t, retryToken]);
  return {
    status,
    retry: () => {
      setRetryToken((n) => n + 1);
    },
  };
}
