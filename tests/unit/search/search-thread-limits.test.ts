import { execFileSync } from 'node:child_process';
import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('limitSearchHeapGrowth', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it("sets V8's heap growing percent once per process, whatever the number of calls", async () => {
    const setFlags = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
    const { limitSearchHeapGrowth, SEARCH_HEAP_GROWING_PERCENT } =
      await import('../../../src-main/common/search-thread-limits');
    limitSearchHeapGrowth();
    limitSearchHeapGrowth();
    expect(setFlags.mock.calls).toEqual([['--heap-growing-percent=30']]);
    expect(SEARCH_HEAP_GROWING_PERCENT).toBe(30);
  });

  it('names a flag this V8 knows (setFlagsFromString ignores an unknown one without a word)', () => {
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    expect(options).toMatch(/^\s+--heap-growing-percent \(/m);
  });
});
