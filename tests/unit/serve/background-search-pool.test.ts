import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchRequest, SearchResponse } from '../../../src-main/common/types';
import type { SearchRunner } from '../../../src-main/serve/search-pool';
import { searchPoolStartedInBackground } from '../../../src-main/serve/background-search-pool';
import { createFakeArchive } from './fake-archive';

/** A pool whose warm-up the test finishes (or fails) by hand, and which records what it ran. */
function controlledPool() {
  const ran: SearchRequest[] = [];
  let finishWarmUp: () => void = () => undefined;
  let failWarmUp: (error: Error) => void = () => undefined;
  const warmedUp = new Promise<void>((resolve, reject) => {
    finishWarmUp = resolve;
    failWarmUp = reject;
  });
  const closed = vi.fn(() => Promise.resolve());
  const libraryChanged = vi.fn();
  const runner: SearchRunner = {
    run: (request) => {
      ran.push(request);
      // The fake archive's answer with another total, so a test can tell who answered.
      const answer: SearchResponse = { ...createFakeArchive().search({ query: '' }), total: 42 };
      return Promise.resolve(answer);
    },
    warmUp: () => warmedUp,
    libraryChanged,
    close: closed,
  };
  return {
    runner,
    ran,
    libraryChanged,
    finishWarmUp: () => finishWarmUp(),
    failWarmUp: (error: Error) => failWarmUp(error),
    closed,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('the search pool started in the background', () => {
  it('answers the first search in this thread and starts the pool only after that answer', async () => {
    const archive = createFakeArchive();
    const pool = controlledPool();
    const createPool = vi.fn(() => pool.runner);
    const runner = searchPoolStartedInBackground({ createPool, archive, idleStartMs: 60_000, log: () => undefined });

    const first = await runner.run({ query: 'prueba' });
    expect(first.total).toBe(1); // the fake archive's answer, not the pool's 42
    expect(archive.searches.map((request) => request.query)).toEqual(['prueba']);
    expect(createPool).not.toHaveBeenCalled();
    await tick();
    await tick();
    expect(createPool).toHaveBeenCalledTimes(1);

    // Still warming up: searches stay in this thread.
    expect((await runner.run({ query: 'otra' })).total).toBe(1);
    expect(pool.ran).toEqual([]);

    pool.finishWarmUp();
    await tick();
    expect((await runner.run({ query: 'tercera' })).total).toBe(42);
    expect(pool.ran.map((request) => request.query)).toEqual(['tercera']);
    expect(archive.searches).toHaveLength(2);
    expect(createPool).toHaveBeenCalledTimes(1);
    await runner.close();
    expect(pool.closed).toHaveBeenCalledTimes(1);
  });

  it('starts the pool after the idle delay when no search comes', async () => {
    vi.useFakeTimers();
    const pool = controlledPool();
    const createPool = vi.fn(() => pool.runner);
    const runner = searchPoolStartedInBackground({
      createPool,
      archive: createFakeArchive(),
      idleStartMs: 500,
      log: () => undefined,
    });
    vi.advanceTimersByTime(499);
    expect(createPool).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(createPool).toHaveBeenCalledTimes(1);
    await runner.close();
  });

  it('never starts a pool once closed', async () => {
    vi.useFakeTimers();
    const createPool = vi.fn(() => controlledPool().runner);
    const runner = searchPoolStartedInBackground({
      createPool,
      archive: createFakeArchive(),
      idleStartMs: 10,
      log: () => undefined,
    });
    await runner.close();
    vi.advanceTimersByTime(1_000);
    expect(createPool).not.toHaveBeenCalled();
  });

  it('keeps answering in this thread, and says why, when the pool cannot warm up', async () => {
    const archive = createFakeArchive();
    const pool = controlledPool();
    const lines: string[] = [];
    const runner = searchPoolStartedInBackground({
      createPool: () => pool.runner,
      archive,
      idleStartMs: 0,
      log: (line) => lines.push(line),
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    pool.failWarmUp(new Error('worker file missing'));
    await tick();
    expect(lines).toEqual([
      "The search threads could not start; searches run in the server's own thread: worker file missing",
    ]);
    expect((await runner.run({ query: 'prueba' })).total).toBe(1);
    expect(pool.ran).toEqual([]);
    await runner.close();
  });

  it('passes a changed library on to a started pool', async () => {
    const pool = controlledPool();
    const runner = searchPoolStartedInBackground({
      createPool: () => pool.runner,
      archive: createFakeArchive(),
      idleStartMs: 0,
      log: () => undefined,
    });
    runner.libraryChanged(); // nothing started yet: nothing to tell
    expect(pool.libraryChanged).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 5));
    runner.libraryChanged();
    expect(pool.libraryChanged).toHaveBeenCalledTimes(1);
    await runner.close();
  });
});
