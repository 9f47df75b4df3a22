// @vitest-environment jsdom
import { act, useCallback } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useLoaded, type Load, type Loaded } from '../../../src-renderer/lib/use-loaded';

/** React's act() warns unless the environment says it is a test. */
Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

/** A promise the test settles by hand, with the signal its load was given. */
interface Pending {
  key: string;
  signal: AbortSignal;
  resolve: (value: string) => void;
  reject: (reason: unknown) => void;
}

let pending: Pending[];
let seen: Loaded<string>[];
let root: Root;

/** Loads "answer for <key>", but only when the test says so. */
function loadFor(key: string): Load<string> {
  return (signal) =>
    new Promise<string>((resolve, reject) => {
      pending.push({ key, signal, resolve, reject });
    });
}

function Probe({ docKey }: { docKey: string | null }) {
  const load = useCallback<Load<string>>((signal) => loadFor(docKey ?? '')(signal), [docKey]);
  seen.push(useLoaded(docKey === null ? null : load));
  return null;
}

async function show(docKey: string | null): Promise<void> {
  await act(async () => {
    root.render(<Probe docKey={docKey} />);
    await Promise.resolve();
  });
}

async function settle(index: number, outcome: { value: string } | { error: unknown }): Promise<void> {
  const target = pending[index];
  if (!target) throw new Error(`no load number ${String(index)} was asked (only ${String(pending.length)})`);
  await act(async () => {
    if ('value' in outcome) target.resolve(outcome.value);
    else target.reject(outcome.error);
    await Promise.resolve();
  });
}

function last(): Loaded<string> {
  const latest = seen.at(-1);
  if (!latest) throw new Error('the probe never rendered');
  return latest;
}

beforeEach(() => {
  pending = [];
  seen = [];
  root = createRoot(document.createElement('div'));
});

afterEach(() => {
  act(() => {
    root.unmount();
  });
});

describe('useLoaded', () => {
  it('reads loading, then the answer of its load', async () => {
    await show('carta-1');
    expect(last()).toMatchObject({ state: 'loading', value: undefined, error: undefined });
    await settle(0, { value: 'Carta a la CNDH' });
    expect(last()).toMatchObject({ state: 'ready', value: 'Carta a la CNDH', latest: 'Carta a la CNDH' });
  });

  it('aborts the old load when its inputs change and drops its late answer', async () => {
    await show('carta-1');
    await show('carta-2');
    expect(pending.map((load) => [load.key, load.signal.aborted])).toEqual([
      ['carta-1', true],
      ['carta-2', false],
    ]);
    // The new inputs read as loading at once, never with the old answer.
    expect(last()).toMatchObject({ state: 'loading', value: undefined });
    await settle(0, { value: 'late answer for carta-1' });
    expect(last()).toMatchObject({ state: 'loading', value: undefined, latest: undefined });
    await settle(1, { value: 'Informe sobre Pegasus' });
    expect(last()).toMatchObject({ state: 'ready', value: 'Informe sobre Pegasus' });
  });

  it('keeps the thrown error as it was and the last good answer beside it', async () => {
    await show('carta-1');
    await settle(0, { value: 'Carta a la CNDH' });
    await show('carta-2');
    const failure = new Error('database is locked');
    await settle(1, { error: failure });
    expect(last()).toMatchObject({ state: 'error', value: undefined, latest: 'Carta a la CNDH' });
    expect(last().error).toBe(failure);
  });

  it('is idle without a load and aborts the one running when it is taken away', async () => {
    await show(null);
    expect(last().state).toBe('idle');
    expect(pending).toHaveLength(0);
    await show('carta-1');
    await show(null);
    expect(pending[0]?.signal.aborted).toBe(true);
    expect(last().state).toBe('idle');
  });

  it('reloads with the same function, keeps the answer shown meanwhile and settles once stored', async () => {
    await show('carta-1');
    await settle(0, { value: 'first' });
    let reloaded = false;
    await act(async () => {
      void last()
        .reload()
        .then(() => {
          reloaded = true;
        });
      await Promise.resolve();
    });
    expect(pending.map((load) => load.key)).toEqual(['carta-1', 'carta-1']);
    expect(last()).toMatchObject({ state: 'ready', value: 'first' });
    expect(reloaded).toBe(false);
    await settle(1, { value: 'second' });
    expect(reloaded).toBe(true);
    expect(last()).toMatchObject({ state: 'ready', value: 'second' });
  });

  it('aborts its load when the component goes away and renders nothing after', async () => {
    await show('carta-1');
    const renders = seen.length;
    act(() => {
      root.unmount();
    });
    expect(pending[0]?.signal.aborted).toBe(true);
    await settle(0, { value: 'too late' });
    expect(seen).toHaveLength(renders);
    root = createRoot(document.createElement('div'));
  });
});

describe('useLoaded with a refresh value', () => {
  function Refreshed({ revision }: { revision: number }) {
    const load = useCallback<Load<string>>((signal) => loadFor('notas')(signal), []);
    seen.push(useLoaded(load, revision));
    return null;
  }

  it('asks again when the value changes, showing the last answer until the new one', async () => {
    const render = async (revision: number) => {
      await act(async () => {
        root.render(<Refreshed revision={revision} />);
        await Promise.resolve();
      });
    };
    await render(0);
    await settle(0, { value: '3 notas' });
    await render(0);
    expect(pending).toHaveLength(1);
    await render(1);
    expect(pending).toHaveLength(2);
    expect(last()).toMatchObject({ state: 'ready', value: '3 notas' });
    await settle(1, { value: '4 notas' });
    expect(last()).toMatchObject({ state: 'ready', value: '4 notas' });
  });
});
