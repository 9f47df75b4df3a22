import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Asks for a value. The signal is aborted once the answer is no longer wanted (the component
 * asked with another function, reloaded or went away): a load of several steps checks it between
 * them; a one-step load may ignore it, its late answer is dropped anyway.
 */
export type Load<T> = (signal: AbortSignal) => Promise<T>;

export interface Loaded<T> {
  /** `idle`: nothing asked (the load is null); `loading`: this load has not answered yet. */
  state: 'idle' | 'loading' | 'ready' | 'error';
  /** This load's answer; undefined until it answers, and at once when the load function changes. */
  value: T | undefined;
  /** The last answer of any load, kept while a newer one runs or after it failed: lists that must not blink. */
  latest: T | undefined;
  /** This load's failure, as thrown (put into words where it is drawn, so a change of language asks nothing). */
  error: unknown;
  /** Asks again with the same function, keeping the answer shown until the new one; settles once it is stored. */
  reload: () => Promise<void>;
}

/** What a refresh is told by: any value whose change means "ask again". */
export type Refresh = number | string | boolean | null;

type Settled<T> = { state: 'ready'; value: T } | { state: 'error'; error: unknown };

interface Answer<T> {
  /** The function that answered: another function means other inputs, so the answer is not theirs. */
  load: Load<T>;
  settled: Settled<T>;
  latest: T | undefined;
}

interface Waiter {
  revision: number;
  resolve: () => void;
}

/**
 * Loads in an effect and ignores late answers: the one guard every view used to write by hand.
 * `load` is the memoised function (useCallback/useMemo with its inputs as dependencies), or null
 * while nothing should be asked; a new function is a new question and reads as `loading` in the
 * same render, so an answer for old inputs is never shown with new ones. A change of `refresh`
 * (a counter bumped after an import, a setting the answer depends on) asks again as reload() does.
 */
export function useLoaded<T>(load: Load<T> | null, refresh?: Refresh): Loaded<T> {
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const [revision, setRevision] = useState(0);
  const requested = useRef(0);
  const waiters = useRef<Waiter[]>([]);

  useEffect(() => {
    const release = (settledRevision: number) => {
      const due = waiters.current.filter((waiter) => waiter.revision <= settledRevision);
      waiters.current = waiters.current.filter((waiter) => waiter.revision > settledRevision);
      for (const waiter of due) waiter.resolve();
    };
    if (load === null) {
      // Nothing will answer: a reload that waits has nothing to wait for.
      release(Number.POSITIVE_INFINITY);
      return;
    }
    const controller = new AbortController();
    const settle = (settled: Settled<T>) => {
      if (controller.signal.aborted) return;
      setAnswer((previous) => ({
        load,
        settled,
        latest: settled.state === 'ready' ? settled.value : previous?.latest,
      }));
      release(revision);
    };
    // Through a promise, so a load that throws before its first await is a failure like any other.
    new Promise<T>((resolve) => {
      resolve(load(controller.signal));
    }).then(
      (value) => {
        settle({ state: 'ready', value });
      },
      (error: unknown) => {
        settle({ state: 'error', error });
      },
    );
    return () => {
      controller.abort();
    };
  }, [load, revision, refresh]);

  const reload = useCallback(
    () =>
      new Promise<void>((resolve) => {
        requested.current += 1;
        waiters.current.push({ revision: requested.current, resolve });
        setRevision(requested.current);
      }),
    [],
  );

  const current = load !== null && answer?.load === load ? answer.settled : null;
  return {
    state: load === null ? 'idle' : (current?.state ?? 'loading'),
    value: current?.state === 'ready' ? current.value : undefined,
    latest: answer?.latest,
    error: current?.state === 'error' ? current.error : undefined,
    reload,
  };
}
