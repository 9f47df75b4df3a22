import { describe, expect, it } from 'vitest';
import { shortFailure } from '../../../bench/child-failure';

describe('shortFailure', () => {
  it("names the step and V8's heap limit for an out-of-memory child", () => {
    const message =
      'lunr build: competitor-probe.ts build lunr /tmp/a.sqlite /tmp/l.json failed (exit code null, signal SIGABRT):\n' +
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory';
    expect(shortFailure(message, 4096)).toBe('lunr build: out of memory (heap limit 4096 MB)');
  });

  it('explains a serialised index over the string limit', () => {
    const message = 'minisearch build: competitor-probe.ts failed (exit code 1):\nRangeError: Invalid string length';
    expect(shortFailure(message, 4096)).toBe(
      "minisearch build: index too large for one JavaScript string (V8's limit is about 512 MB)",
    );
  });

  it('keeps the figures of a build stopped by the memory guard', () => {
    const message =
      'lunr build: competitor-probe.ts build lunr /tmp/a.sqlite /tmp/l.jsonl failed (exit code 1):\n' +
      'competitor-probe failed: Error: out of memory, projected: 6.1 GB of heap for 100,000 documents ' +
      '(2500 MB live after 40,000; heap limit 4096 MB)\n    at checkMemory (competitor-probe.mjs:1:1)';
    expect(shortFailure(message, 4096)).toBe(
      'lunr build: out of memory, projected: 6.1 GB of heap for 100,000 documents (2500 MB live after 40,000; heap limit 4096 MB)',
    );
  });

  it('keeps a time-out and a signal', () => {
    expect(shortFailure('lunr search: competitor-probe.ts search failed (timed out after 30 min)', null)).toBe(
      'lunr search: timed out after 30 min',
    );
    expect(shortFailure('flexsearch build: x failed (exit code null, signal SIGKILL):\n', null)).toBe(
      'flexsearch build: killed (SIGKILL)',
    );
  });

  it("falls back to the message's first line", () => {
    expect(shortFailure('lunr build: no such table: documents\nstack', null)).toBe(
      'lunr build: no such table: documents',
    );
  });
});
