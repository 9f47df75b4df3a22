import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../bench/run-options';

const parse = (...args: string[]) => parseOptions(['node', 'bench/run.ts', ...args]);

describe("the bench's command line", () => {
  it('measures the ZIM and serving at the default 10,000 documents, 3 runs', () => {
    const options = parse();
    expect(options).toMatchObject({
      sizes: [10_000],
      runs: 3,
      largeRuns: 3,
      zim: true,
      serve: true,
      defaultsNote: null,
    });
  });

  it('turns the ZIM and serving off from 100,000 documents, and says why', () => {
    const options = parse('--docs', '100000', '--runs', '1');
    expect(options).toMatchObject({ sizes: [100_000], largeRuns: 1, zim: false, serve: false });
    expect(options.defaultsNote).toMatch(
      /^the ZIM comparison and the serving benchmark off by default from 100,000 documents .* --zim \/ --serve turn them on$/,
    );
  });

  it('lets --zim and --serve turn them on at 100,000, and --no-zim off at 10,000', () => {
    expect(parse('--docs', '100000', '--zim', '--serve')).toMatchObject({ zim: true, serve: true, defaultsNote: null });
    expect(parse('--no-zim', '--no-serve')).toMatchObject({ zim: false, serve: false, defaultsNote: null });
  });

  it('keeps the resumable state per sizes and seed unless told where', () => {
    expect(parse('--docs', '100000').state).toBe(
      path.resolve(import.meta.dirname, '../../../node_modules/.cache/archivo-bench/state-100000-20170523'),
    );
    expect(parse('--docs', '100000', '--resume', '--retry-failed')).toMatchObject({ resume: true, retryFailed: true });
    expect(parse('--state', 'somewhere').state).toBe(path.resolve('somewhere'));
  });

  it('refuses a size that is not a positive integer, naming the option', () => {
    expect(() => parse('--docs', '10k')).toThrow('--sizes must be an integer ≥ 1, got "10k"');
  });
});
