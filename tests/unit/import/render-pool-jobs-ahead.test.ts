import { describe, expect, it } from 'vitest';
import { jobsAheadOf } from '../../../src-main/core/import/render-pool';

describe('jobs a render worker holds ahead', () => {
  it('keeps the full window while many jobs are left, then tapers to a few at the end', () => {
    expect(jobsAheadOf(10_000, 2)).toBe(384);
    expect(jobsAheadOf(1_536, 2)).toBe(384);
    expect(jobsAheadOf(1_000, 2)).toBe(250);
    expect(jobsAheadOf(100, 2)).toBe(25);
    expect(jobsAheadOf(10, 2)).toBe(4);
    expect(jobsAheadOf(0, 2)).toBe(4);
    // More lanes share what is left: each worker holds less of it.
    expect(jobsAheadOf(1_000, 4)).toBe(125);
  });

  it('never holds fewer jobs as more are left', () => {
    let previous = 0;
    for (let unsent = 0; unsent <= 2_000; unsent += 1) {
      const ahead = jobsAheadOf(unsent, 2);
      expect(ahead).toBeGreaterThanOrEqual(previous);
      previous = ahead;
    }
  });
});
