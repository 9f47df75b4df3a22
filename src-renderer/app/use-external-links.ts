import { useCallback, useState } from 'react';
import type { Transport } from '../api';

export interface ExternalLinks {
  /** Opens a link outside the app, once the user confirmed it in the dialog. */
  openExternal: (url: string) => void;
  /** The link waiting for the user's answer (null: no dialog). */
  pendingUrl: string | null;
  answer: (open: boolean) => void;
}

/** Links out of the archive: the transport opens them, after asking the user through the app's dialog. */
export function useExternalLinks(transport: Transport): ExternalLinks {
  const [pending, setPending] = useState<{ url: string; answer: (open: boolean) => void } | null>(null);
  const confirmUrl = useCallback(
    (url: string) =>
      new Promise<boolean>((resolve) => {
        setPending({ url, answer: resolve });
      }),
    [],
  );
  const openExternal = useCallback(
    (url: string) => void transport.openExternal(url, confirmUrl),
    [transport, confirmUrl],
  );
  return {
    openExternal,
    pendingUrl: pending?.url ?? null,
    answer: (open) => {
      pending?.answer(open);
      setPending(null);
    },
  };
}
